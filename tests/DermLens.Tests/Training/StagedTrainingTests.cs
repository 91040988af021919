using DermLens.Training;
using DermLens.Training.Schedules;
using TorchSharp;

namespace DermLens.Tests.Training;

public class StagedTrainingTests
{
    static readonly ClassificationLoss Loss = new(ClassificationLoss.CrossEntropy, 2);

    [Fact]
    public void Head_stage_leaves_the_frozen_body_and_its_batchnorm_statistics_untouched()
    {
        var (before, after) = TrainHeadOnly(trainBatchNorm: false);
        foreach (var name in new[] { "0.weight", "1.weight", "1.running_mean", "1.running_var", "1.num_batches_tracked" })
            Assert.True(before[name].eq(after[name]).all().item<bool>(), $"{name} changed while frozen");
        Assert.False(before["5.weight"].eq(after["5.weight"]).all().item<bool>(), "the head did not train");
    }

    [Fact]
    public void With_train_bn_a_frozen_body_keeps_its_convolutions_but_its_batchnorm_learns()
    {
        var (before, after) = TrainHeadOnly(trainBatchNorm: true);
        Assert.True(before["0.weight"].eq(after["0.weight"]).all().item<bool>(), "a frozen convolution changed");
        foreach (var name in new[] { "1.weight", "1.running_mean", "1.num_batches_tracked" })
            Assert.False(before[name].eq(after[name]).all().item<bool>(), $"{name} did not train");
    }

    /// <summary>Two epochs of a head stage on the tiny task (body group frozen); the state dict before and after.</summary>
    static (Dictionary<string, torch.Tensor> Before, Dictionary<string, torch.Tensor> After) TrainHeadOnly(bool trainBatchNorm)
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        var model = TinyTask.Model();
        var before = TinyTask.Snapshot(model);
        var options = new TrainOptions { Epochs = 1, Patience = 10, TrainBatchNorm = trainBatchNorm };
        TrainStage[] stages = [new("head", 2, new ConstantSchedule(0.1), [1, 1], [false, true])];
        new Trainer(model, TinyTask.Groups(model), Loss, options, torch.CPU).Fit(stages, train, validation);
        return (before, model.state_dict());
    }

    [Fact]
    public void Unfrozen_stage_trains_every_group_with_spread_learning_rates()
    {
        using var dir = new TempDir();
        var (train, validation) = TinyTask.Loaders(dir);
        var model = TinyTask.Model();
        var before = TinyTask.Snapshot(model);
        TrainStage[] stages = [new("all", 1, new ConstantSchedule(0.1), TrainStage.Spread(2, 100), [true, true])];
        new Trainer(model, TinyTask.Groups(model), Loss, new TrainOptions { Patience = 10 }, torch.CPU).Fit(stages, train, validation);
        var after = model.state_dict();
        Assert.False(before["0.weight"].eq(after["0.weight"]).all().item<bool>());
        Assert.True(after["1.num_batches_tracked"].item<long>() > 0);
    }

    [Theory]
    [InlineData(3, 100, new[] { 0.01, 0.1, 1.0 })]
    [InlineData(2, 10, new[] { 0.1, 1.0 })]
    [InlineData(1, 100, new[] { 1.0 })]
    [InlineData(3, 1, new[] { 1.0, 1.0, 1.0 })]
    public void Spread_spaces_group_rates_geometrically_up_to_the_head(int groups, double spread, double[] expected)
    {
        var factors = TrainStage.Spread(groups, spread);
        Assert.Equal(expected.Length, factors.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], factors[i], 9);
    }

    [Fact]
    public void Research_recipe_fits_the_head_first_then_unfreezes_with_differential_rates()
    {
        var o = Recipes.Preset("research", new TrainOptions()) with { LearningRate = 0.01, Schedule = "cosine", Epochs = 5 };
        var stages = Recipes.Stages(o, 3);
        Assert.Equal(["head", "unfrozen"], stages.Select(s => s.Name));
        Assert.Equal([false, false, true], stages[0].Trainable);
        Assert.Equal([true, true, true], stages[1].Trainable);
        Assert.Equal(0.01 / o.LrSpread, stages[1].GroupLrFactors[0] * 0.01, 9);
        Assert.Equal(ClassificationLoss.BinaryCrossEntropy, o.Loss);
        Assert.Single(Recipes.Stages(Recipes.Preset("baseline", new TrainOptions()), 3));

        // SGDR with 3 cycles of 1, 2 and 4 epochs: the unfrozen stage lasts 7 epochs whatever --epochs says.
        var sgdr = Recipes.Stages(Recipes.Preset("research", new TrainOptions()) with { LearningRate = 0.01 }, 3);
        Assert.Equal(7, sgdr[1].Epochs);
        Assert.Equal(0.01, sgdr[1].Schedule.At(1 / 7.0 + 1e-9), 6);
    }

    [Fact]
    public void Dermoscopy_recipe_trains_one_cosine_stage_on_4_by_3_inputs_with_flips_and_a_fitted_prior_correction()
    {
        var o = Recipes.Preset("dermoscopy", new TrainOptions());
        o.Check();
        var stage = Assert.Single(Recipes.Stages(o, 3));
        Assert.Equal(o.Epochs, stage.Epochs);
        Assert.Equal([true, true, true], stage.Trainable);
        Assert.Equal(o.ImageSize.Height * 4, o.ImageSize.Width * 3);
        Assert.False(o.Balanced);
        Assert.Equal("flips", o.Augment);
        Assert.Equal("auto", o.PriorCorrection);
        Assert.Equal(ClassificationLoss.CrossEntropy, o.Loss);
        Assert.Equal("balanced-accuracy", o.EarlyStopMetric);
    }

    [Fact]
    public void Only_a_backbone_that_starts_trained_gets_a_head_stage()
    {
        var research = Recipes.Preset("research", new TrainOptions());
        var fromScratch = new DermLens.Runs.TrainRequest { Data = "d", Arch = "resnet18", Out = "o", Train = research };
        Assert.Equal(0, fromScratch.Options.HeadEpochs);
        Assert.Equal([true, true, true], Recipes.FirstStageTrainable(fromScratch.Options, 3));
        var pretrained = fromScratch with { Pretrained = true };
        Assert.Equal(research.HeadEpochs, pretrained.Options.HeadEpochs);
        Assert.Equal([false, false, true], Recipes.FirstStageTrainable(pretrained.Options, 3));
        Assert.Equal(research.HeadEpochs, (fromScratch with { Weights = "resnet18.pth" }).Options.HeadEpochs);
    }

    [Fact]
    public void Unknown_recipe_names_the_known_ones()
    {
        var e = Assert.Throws<DermLensException>(() => Recipes.Preset("magic", new TrainOptions()));
        Assert.Contains("baseline, research", e.Message);
    }
}
