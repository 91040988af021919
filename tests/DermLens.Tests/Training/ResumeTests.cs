using DermLens.Models;
using DermLens.Training;
using DermLens.Training.Schedules;
using TorchSharp;

namespace DermLens.Tests.Training;

public class ResumeTests
{
    [Fact]
    public void Resuming_after_an_interruption_lands_where_an_uninterrupted_run_lands()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        var loss = new ClassificationLoss(ClassificationLoss.CrossEntropy, 2);
        var options = new TrainOptions { Patience = 10, Momentum = 0.9 };
        TrainStage[] stages =
        [
            new("head", 2, new CosineSchedule(0.05, 0.01), [1, 1], [false, true]),
            new("all", 3, new CosineSchedule(0.05, 0.001), [0.1, 1], [true, true]),
        ];

        // Both runs start from the same saved weights: tests run in parallel and share torch's global
        // generator, so seeding alone does not guarantee equal initialisations.
        var straight = TinyTask.Model(seed: 3);
        Checkpoint.Save(straight, dir["initial.pt"]);
        var expected = new Trainer(straight, TinyTask.Groups(straight), loss, options, torch.CPU).Fit(stages, train, validation);

        // Interrupted after epoch 3 (inside the second stage), saving what the run folder would hold.
        var first = TinyTask.Model(seed: 3);
        Checkpoint.LoadInto(first, dir["initial.pt"]);
        using var interrupt = new CancellationTokenSource();
        TrainerState? saved = null;
        var trainer = new Trainer(first, TinyTask.Groups(first), loss, options, torch.CPU)
        {
            SaveState = (state, optimizer) =>
            {
                Checkpoint.Save(first, dir["last.pt"]);
                optimizer.SaveState(dir["optimizer.bin"]);
                state.Save(dir["state.json"]);
                saved = state;
                if (state.Epoch == 3) interrupt.Cancel();
            },
        };
        var partial = trainer.Fit(stages, train, validation, ct: interrupt.Token);
        Assert.Equal(StopKind.Interrupted, partial.StopReason.Kind);
        Assert.Equal(3, saved!.Epoch);

        var resumed = TinyTask.Model(seed: 99);
        Checkpoint.LoadInto(resumed, dir["last.pt"]);
        var result = new Trainer(resumed, TinyTask.Groups(resumed), loss, options, torch.CPU)
            .Fit(stages, train, validation, resume: TrainerState.Load(dir["state.json"]), optimizerState: dir["optimizer.bin"]);

        Assert.Equal(expected.History.Count, result.History.Count);
        Assert.Equal(expected.BestEpoch, result.BestEpoch);
        Assert.Equal(expected.History[^1].ValidationLoss, result.History[^1].ValidationLoss, 5);
        foreach (var (name, tensor) in straight.state_dict())
            Assert.True(tensor.allclose(resumed.state_dict()[name], 1e-5, 1e-6), $"{name} differs after resuming");
    }

    [Fact]
    public void Resuming_a_run_that_never_finished_an_epoch_says_so()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DermLensException>(() => TrainerState.Load(dir["state.json"]));
        Assert.Contains("never finished an epoch", e.Message);
    }
}
