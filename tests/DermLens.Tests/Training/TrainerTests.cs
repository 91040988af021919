using DermLens.Data;
using DermLens.Imaging;
using DermLens.Models;
using DermLens.Training;
using DermLens.Training.Schedules;
using TorchSharp;

namespace DermLens.Tests.Training;

public class TrainerTests
{
    static readonly ClassificationLoss Loss = new(ClassificationLoss.CrossEntropy, 2);

    static TrainStage[] OneStage(TrainOptions o, ISchedule schedule) => [new("all", o.Epochs, schedule, [1.0], [true])];

    /// <summary>No BatchNorm and no randomness in training mode: with a zero learning rate the validation loss cannot change.</summary>
    static torch.nn.Module<torch.Tensor, torch.Tensor> LinearClassifier() =>
        torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 16 * 16, 2));

    static Trainer Make(torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainOptions o, Action<int>? saveBest = null) =>
        new(model, LayerGroups.Single(model), Loss, o, torch.CPU) { SaveBest = saveBest ?? (_ => { }) };

    /// <summary>A sane learning rate for the first half, an infinite one after.</summary>
    sealed class ExplodingSchedule : ISchedule
    {
        public double At(double progress) => progress < 0.5 ? 0.01 : double.PositiveInfinity;
    }

    [Fact]
    public void Learns_an_easy_task_and_saves_the_best_epoch()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        // A small CNN: tests run in parallel and share torch's global generator, so a ResNet's
        // initialisation (and its few-step fate on 16 images) would vary from run to run.
        var model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
            torch.nn.Flatten(), torch.nn.Linear(8, 2));
        var saved = new List<int>();
        var options = new TrainOptions { Epochs = 4, ImageSize = 16, BatchSize = 4, LearningRate = 0.1, Patience = 10 };
        var result = Make(model, options, saved.Add).Fit(OneStage(options, new CosineSchedule(0.1, 0.001)), train, validation);

        Assert.Equal(4, result.History.Count);
        Assert.Contains(result.BestEpoch, saved);
        Assert.Equal(result.History.MinBy(e => e.ValidationLoss)!.Epoch, result.BestEpoch);
        Assert.True(result.History.Max(e => e.ValidationAccuracy) == 1, string.Join("\n", result.History));
        Assert.Equal(4 * train.BatchesPerEpoch(), result.LearningRates.Count);
        Assert.True(result.LearningRates[^1] < result.LearningRates[0], "cosine schedule did not anneal");
    }

    [Fact]
    public void Sgdr_judges_the_network_at_cycle_ends_only()
    {
        // Cycles of 1, 2 and 4 epochs end after epochs 1, 3 and 7.
        var stage = new TrainStage("all", 7, new SgdrSchedule(0.1, 0.001, 3, 1, 2), [1.0], [true]);
        Assert.Equal([1, 3, 7], Enumerable.Range(1, 7).Where(stage.IsSnapshotEpoch));
        var constant = stage with { Schedule = new ConstantSchedule(0.1) };
        Assert.All(Enumerable.Range(1, 7), e => Assert.True(constant.IsSnapshotEpoch(e)));
    }

    [Fact]
    public void Early_stopping_waits_for_the_end_of_an_sgdr_cycle()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        // A zero learning rate: the validation loss never improves after epoch 1, so patience 1 is spent after epoch 2,
        // which is mid-cycle; the run stops at the cycle's end, epoch 3, and only cycle ends were saved.
        var model = LinearClassifier();
        var options = new TrainOptions { Epochs = 7, ImageSize = 16, BatchSize = 4, Patience = 1, WeightDecay = 0 };
        var saved = new List<int>();
        var result = Make(model, options, saved.Add).Fit(OneStage(options, new SgdrSchedule(0, 0, 3, 1, 2)), train, validation);
        Assert.True(3 == result.History.Count, string.Join("\n", result.History));
        Assert.Equal([1], saved);
        Assert.Equal(StopKind.EarlyStopped, result.StopReason.Kind);
    }

    [Fact]
    public void Nan_loss_stops_training_and_keeps_the_last_good_checkpoint()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        // No BatchNorm: a ResNet's initialisation (torch's global generator is shared by tests running in parallel) now and
        // then blew up within the sane first epoch on 16 images, and that epoch's checkpoint held infinities.
        var model = LinearClassifier();
        var checkpoint = dir["model.pt"];
        var options = new TrainOptions { Epochs = 2, ImageSize = 16, BatchSize = 4, Patience = 10 };
        var trainer = new Trainer(model, LayerGroups.Single(model), Loss, options, torch.CPU)
        {
            SaveBest = _ => Checkpoint.Save(model, checkpoint),
            CheckpointDescription = checkpoint,
        };

        var error = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Fit(OneStage(options, new ExplodingSchedule()), train, validation));
        Assert.Contains("epoch 2", error.Message);
        Assert.Contains(checkpoint, error.Message);
        var restored = LinearClassifier();
        Checkpoint.LoadInto(restored, checkpoint);
        Assert.All(restored.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Divergence_before_any_checkpoint_says_none_was_saved()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        var model = LinearClassifier();
        var options = new TrainOptions { Epochs = 2, ImageSize = 16, BatchSize = 4, Patience = 10 };
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(model, LayerGroups.Single(model), Loss, options, torch.CPU) { CheckpointDescription = dir["model.pt"] }
                .Fit(OneStage(options, new ConstantSchedule(double.PositiveInfinity)), train, validation));
        Assert.Contains("epoch 1", error.Message);
        Assert.Contains("No checkpoint had been saved yet", error.Message);
        Assert.DoesNotContain(dir["model.pt"], error.Message);
    }

    [Fact]
    public void Early_stopping_ends_when_validation_loss_stops_improving()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        // No BatchNorm and a zero learning rate: the validation loss cannot improve after the first epoch.
        var model = LinearClassifier();
        var options = new TrainOptions { Epochs = 10, ImageSize = 16, BatchSize = 4, Patience = 2, WeightDecay = 0 };
        var result = Make(model, options).Fit(OneStage(options, new ConstantSchedule(0)), train, validation);
        Assert.True(3 == result.History.Count, string.Join("\n", result.History));
        Assert.Equal(1, result.BestEpoch);
        Assert.Equal(StopKind.EarlyStopped, result.StopReason.Kind);
    }
}
