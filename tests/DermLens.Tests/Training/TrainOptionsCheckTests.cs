using DermLens.Data;
using DermLens.Runs;
using DermLens.Tests.Data;
using DermLens.Training;

namespace DermLens.Tests.Training;

public class TrainOptionsCheckTests
{
    [Theory]
    [InlineData("cosine", 2, 3, 0.0, "ce", 1.0, "--schedule sgdr")]
    [InlineData("sgdr", 4, 3, 0.0, "ce", 1.0, "3 SGDR cycles")]
    [InlineData("sgdr", -1, 3, 0.0, "ce", 1.0, "--snapshots")]
    [InlineData("cosine", 0, 3, 1.0, "bce", 1.0, "--loss ce")]
    [InlineData("cosine", 0, 3, -1.0, "ce", 1.0, "--logit-adjust")]
    [InlineData("sgdr", 0, 3, 0.0, "ce", 0.0, "--restart-decay")]
    public void Combinations_that_cannot_train_are_refused_naming_the_option(string schedule, int snapshots, int cycles,
        double logitAdjustment, string loss, double restartDecay, string named)
    {
        var options = new TrainOptions
        {
            Schedule = schedule, Snapshots = snapshots, Cycles = cycles, LogitAdjustment = logitAdjustment, Loss = loss, RestartDecay = restartDecay,
        };
        Assert.Contains(named, Assert.Throws<DermLensException>(options.Check).Message);
    }

    [Theory]
    [InlineData("schedule", "Unknown schedule 'bogus'. Known: sgdr, one-cycle, cosine, constant.")]
    [InlineData("early-stop", "Unknown early-stopping metric 'bogus'. Known: loss, accuracy, balanced-accuracy.")]
    [InlineData("loss", "Unknown loss 'bogus'. Known: ce, bce.")]
    [InlineData("lr-rule", "Unknown LR rule 'bogus'. Known: valley, steepest, minimum.")]
    [InlineData("precision", "Unknown precision 'bogus'. Known: auto, fp32, bf16.")]
    [InlineData("augment", "Unknown augmentation 'bogus'. Known: full, flips.")]
    [InlineData("prior-correction", "--prior-correction must be none, auto or a tau of 0 or more, got 'bogus'.")]
    public void An_unknown_name_is_refused_listing_the_known_ones(string option, string message)
    {
        var options = option switch
        {
            "schedule" => new TrainOptions { Schedule = "bogus" },
            "early-stop" => new TrainOptions { EarlyStopMetric = "bogus" },
            "loss" => new TrainOptions { Loss = "bogus" },
            "lr-rule" => new TrainOptions { LearningRate = null, LrRule = "bogus" },
            "augment" => new TrainOptions { Augment = "bogus" },
            "prior-correction" => new TrainOptions { PriorCorrection = "bogus" },
            _ => new TrainOptions { Precision = "bogus" },
        };
        Assert.Equal(message, Assert.Throws<DermLensException>(options.Check).Message);
    }

    [Theory]
    [InlineData(0, 32, 0.35, 0.0, "--epochs")]
    [InlineData(5, 0, 0.35, 0.0, "--batch-size")]
    [InlineData(5, 32, 0.0, 0.0, "--min-crop")]
    [InlineData(5, 32, 0.35, 1.0, "--label-smoothing")]
    public void Out_of_range_numbers_are_refused_naming_the_option(int epochs, int batchSize, double minCrop, double smoothing, string named) =>
        Assert.Contains(named, Assert.Throws<DermLensException>(
            new TrainOptions { Epochs = epochs, BatchSize = batchSize, MinCropScale = minCrop, LabelSmoothing = smoothing }.Check).Message);

    [Fact]
    public void Logit_adjustment_and_balanced_sampling_do_not_mix() =>
        Assert.Contains("--balanced", Assert.Throws<DermLensException>(new TrainOptions { LogitAdjustment = 1, Balanced = true }.Check).Message);

    [Theory]
    [InlineData("blur", null, null)]
    [InlineData(null, "spin", null)]
    [InlineData(null, null, "missing-weights.pth")]
    public void A_refused_request_leaves_an_existing_run_as_it_was(string? preprocess, string? tta, string? weights)
    {
        using var dir = new TempDir();
        var run = RunFolder.Create(dir["run"]);
        File.WriteAllText(run.Split, "the earlier run's split");
        File.WriteAllText(run.Config, "the earlier run's config");
        var job = new TrainingJob(new TrainRequest
        {
            Data = SharedData.Ham10000, Arch = "resnet18", Out = run.Path, Preprocess = preprocess, Tta = tta ?? "none",
            Weights = weights == null ? null : dir[weights],
        });
        Assert.ThrowsAny<Exception>(() => job.Run());
        Assert.Equal("the earlier run's split", File.ReadAllText(run.Split));
        Assert.Equal("the earlier run's config", File.ReadAllText(run.Config));
        Assert.False(File.Exists(run.Log));
    }

    [Fact]
    public void A_refused_run_writes_nothing()
    {
        using var dir = new TempDir();
        var job = new TrainingJob(new TrainRequest
        {
            Data = dir["missing-data"], Arch = "resnet18", Out = dir["run"],
            Train = new TrainOptions { Schedule = "cosine", Snapshots = 2 },
        });
        Assert.Throws<DermLensException>(() => job.Run());
        Assert.False(Directory.Exists(dir["run"]));
        new TrainOptions { Schedule = "sgdr", Snapshots = 3, LogitAdjustment = 1, RestartDecay = 0.5 }.Check();
    }

    [Fact]
    public void Prior_correction_is_refused_for_sigmoid_runs()
    {
        var options = new TrainOptions { PriorCorrection = "auto", Loss = ClassificationLoss.BinaryCrossEntropy };
        Assert.Contains("--loss ce", Assert.Throws<DermLensException>(options.Check).Message);
    }

    [Fact]
    public void A_split_without_validation_images_is_refused_before_the_run_folder_exists()
    {
        using var dir = new TempDir();
        var job = new TrainingJob(new TrainRequest { Data = SharedData.Ham10000, Arch = "resnet18", Out = dir["run"], ValidationFraction = 0 });
        Assert.Contains("--val-fraction 0", Assert.Throws<DermLensException>(() => job.Run()).Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void A_reused_split_that_leaves_images_out_is_refused_before_the_run_folder_exists()
    {
        using var dir = new TempDir();
        var dataset = DataSources.Open(SharedData.Ham10000);
        var full = Splitter.Make(dataset, new SplitOptions(0.2, 0.2, 0));
        new Split(full.Train.Skip(3).ToList(), full.Validation, full.Test).Save(dir["split.csv"], dataset);
        var job = new TrainingJob(new TrainRequest { Data = SharedData.Ham10000, Arch = "resnet18", Out = dir["run"], SplitFile = dir["split.csv"] });
        Assert.StartsWith($"3 images of {SharedData.Ham10000} are not in {dir["split.csv"]}", Assert.Throws<DermLensException>(() => job.Run()).Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void Data_with_one_class_is_refused_before_the_run_folder_exists()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["data/nv/a.png"]);
        TinyImages.Png(dir["data/nv/b.png"]);
        var job = new TrainingJob(new TrainRequest { Data = dir["data"], Arch = "resnet18", Out = dir["run"] });
        Assert.Contains("has 1 class(es) (nv); a classifier needs at least two", Assert.Throws<DermLensException>(() => job.Run()).Message);
        Assert.False(Directory.Exists(dir["run"]));
    }
}
