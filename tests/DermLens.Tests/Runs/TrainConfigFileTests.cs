using DermLens.Cli.Commands;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Runs;

/// <summary>`train --config FILE`: a run's config.json is what to train, and options given beside it override it.</summary>
public class TrainConfigFileTests
{
    static readonly TrainOptions Options = Recipes.Preset("research") with { Epochs = 3, ImageSize = new(48, 64), Seed = 7, Precision = "fp32", Balanced = true };

    static RunConfig Written(string data) => new()
    {
        Data = data, Format = "imagefolder", Arch = "resnet34", Pretrained = true, Classes = ["a", "b"], Mean = [0.5f, 0.5f, 0.5f],
        Std = [0.2f, 0.2f, 0.2f], Train = Options, Preprocess = "gamma=1.3", Tta = "flips", TestFraction = 0.25, ValidationFraction = 0.2,
        Calibration = new(1.5),
    };

    [Fact]
    public void A_runs_config_gives_the_request_that_trained_it()
    {
        using var dir = new TempDir();
        Written(dir["data"]).Save(dir["config.json"]);

        var request = new TrainCommand.Settings { ConfigFile = dir["config.json"], Out = dir["again"] }.ToRequest();

        Assert.Equal(new TrainRequest
        {
            Data = dir["data"], Format = "imagefolder", Arch = "resnet34", Out = dir["again"], Pretrained = true, Train = Options,
            Preprocess = "gamma=1.3", Tta = "flips", TestFraction = 0.25, ValidationFraction = 0.2,
        }, request);
    }

    [Fact]
    public void Options_given_beside_the_config_override_it_and_the_rest_stays()
    {
        using var dir = new TempDir();
        Written(dir["data"]).Save(dir["config.json"]);

        var request = new TrainCommand.Settings { ConfigFile = dir["config.json"], Out = "r", Epochs = 5, Arch = "resnet18", Tta = "none", ValidationFraction = 0.1 }.ToRequest();

        Assert.Equal(Options with { Epochs = 5 }, request.Train);
        Assert.Equal(("resnet18", "none", 0.1), (request.Arch, request.Tta, request.ValidationFraction));
        Assert.Equal((dir["data"], true, "gamma=1.3"), (request.Data, request.Pretrained, request.Preprocess));
    }

    [Fact]
    public void A_run_whose_rate_was_searched_searches_again_with_the_same_rule()
    {
        using var dir = new TempDir();
        (Written(dir["data"]) with { LrSearch = new LrSearch(LrRules.Minimum, 0.01, 0.02, 0.1, 0.01, 3) }).Save(dir["config.json"]);

        var train = TrainConfigFile.Read(dir["config.json"], "r").Train;

        Assert.Null(train.LearningRate);
        Assert.Equal(LrRules.Minimum, train.LrRule);
    }

    [Fact]
    public void A_file_written_by_hand_may_hold_only_some_keys_and_its_paths_are_relative_to_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["mine.json"], """{ "data": "lesions", "train": { "epochs": 3, "schedule": "cosine" } }""");

        var request = new TrainCommand.Settings { ConfigFile = dir["mine.json"], Out = "r" }.ToRequest();

        Assert.Equal(dir["lesions"], request.Data);
        Assert.Equal("resnet18", request.Arch);
        Assert.Equal(new TrainOptions { Epochs = 3, Schedule = "cosine" }, request.Train);
        Assert.Equal((TrainRequest.DefaultValidationFraction, (double?)null, false), (request.ValidationFraction, request.TestFraction, request.Pretrained));
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_key_and_the_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["typo.json"], """{ "data": "lesions", "train": { "epoch": 3 } }""");

        var error = Assert.Throws<DermLensException>(() => new TrainCommand.Settings { ConfigFile = dir["typo.json"], Out = "r" }.ToRequest());

        Assert.Contains(dir["typo.json"], error.Message);
        Assert.Contains("'train.epoch'", error.Message);
    }

    [Fact]
    public void A_recipe_and_a_config_together_are_refused_as_is_a_config_without_data()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["nodata.json"], """{ "arch": "resnet18" }""");

        Assert.Contains("--recipe and --config", Assert.Throws<DermLensException>(() =>
            new TrainCommand.Settings { ConfigFile = dir["nodata.json"], Out = "r", Recipe = "research" }.ToRequest()).Message);
        Assert.Contains("names no data", Assert.Throws<DermLensException>(() =>
            new TrainCommand.Settings { ConfigFile = dir["nodata.json"], Out = "r" }.ToRequest()).Message);
        Assert.Equal(dir["lesions"], new TrainCommand.Settings { ConfigFile = dir["nodata.json"], Out = "r", Data = dir["lesions"] }.ToRequest().Data);
    }
}
