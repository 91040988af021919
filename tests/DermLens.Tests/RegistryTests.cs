using DermLens.Runs;
using DermLens.Training;
using static TorchSharp.torch;

namespace DermLens.Tests;

public class RegistryTests
{
    static readonly Registry<int> Sizes = new("size", [("small", 1), ("large", 3)]);

    [Fact]
    public void Names_match_in_any_case_and_come_back_in_their_registered_spelling()
    {
        Assert.Equal(3, Sizes.Get(" LARGE "));
        Assert.Equal("large", Sizes.Canonical("Large"));
        Assert.Equal("huge", Sizes.Canonical("huge"));
        Assert.Equal(["small", "large"], Sizes.Names);
    }

    [Fact]
    public void An_unknown_name_is_one_line_listing_the_known_ones() =>
        Assert.Equal("Unknown size 'huge'. Known: small, large.", Assert.Throws<DermLensException>(() => Sizes.Get("huge")).Message);

    [Fact]
    public void A_name_registered_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Registry<int>("size", [("small", 1), ("Small", 2)]));

    [Fact]
    public void Options_given_in_another_case_train_and_score_as_their_registered_names()
    {
        // Code downstream compares the stored names ("bce" gives sigmoid scores); "BCE" must not fall through to softmax.
        var options = new TrainOptions { Loss = "BCE", Schedule = "Cosine", EarlyStopMetric = "Balanced-Accuracy", Augment = "FLIPS", Precision = "FP32" };
        options.Check();
        Assert.Equal(("bce", "cosine", "balanced-accuracy", "flips", "fp32"),
            (options.Loss, options.Schedule, options.EarlyStopMetric, options.Augment, options.Precision));

        var config = new RunConfig
        {
            Data = "d", Format = "imagefolder", Arch = "resnet18", Classes = ["a", "b"], Mean = [0, 0, 0], Std = [1, 1, 1], Train = options,
        };
        var stored = System.Text.Json.JsonSerializer.Deserialize<RunConfig>(System.Text.Json.JsonSerializer.Serialize(config, RunConfig.Json), RunConfig.Json)!;
        Assert.Equal("bce", stored.Train.Loss);
        using var logits = tensor(new float[] { 2, -1 }, [1, 2]);
        using var scores = ClassificationLoss.Activation(options.Loss, logits);
        Assert.Equal(1 / (1 + Math.Exp(-2)), scores[0, 0].item<float>(), 5);
    }
}
