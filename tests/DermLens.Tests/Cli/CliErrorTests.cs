namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class CliErrorTests
{
    static void AssertOneLineError(CliRunner.Result result, string expected)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(expected, result.Output);
        Assert.DoesNotContain("   at ", result.Output); // no stack trace
    }

    [Fact]
    public void Missing_data_path_is_a_one_line_error()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("train", "--data", dir["nope"], "--out", dir["run"]), "not found");
    }

    [Fact]
    public void Unknown_architecture_is_a_one_line_error()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("train", "--data", SharedData.Ham10000, "--arch", "resnet9000", "--out", dir["run"]),
            "Unknown architecture 'resnet9000'");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("lr-find")]
    public void A_bad_image_size_is_a_one_line_error_and_nothing_is_written(string verb)
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run(verb, "--data", SharedData.Ham10000, "--out", dir["run"], "--image-size", "150by200"),
            "--image-size must be N or HxW, e.g. 224 or 150x200, got '150by200'");
        Assert.False(Directory.Exists(dir["run"]), "the run folder was created");
    }

    [Theory]
    [InlineData("--schedule", "Unknown schedule 'bogus'")]
    [InlineData("--early-stop", "Unknown early-stopping metric 'bogus'")]
    public void An_unknown_schedule_or_metric_fails_before_anything_is_written(string option, string expected)
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("train", "--data", SharedData.Ham10000, "--out", dir["run"], "--lr", "auto", option, "bogus"), expected);
        Assert.False(Directory.Exists(dir["run"]), "the run folder was created");
    }

    [Fact]
    public void A_crop_size_with_flips_only_augmentation_fails_before_anything_is_written()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("train", "--data", SharedData.Ham10000, "--out", dir["run"], "--augment", "flips", "--min-crop", "0.5"),
            "--min-crop sets the crops of --augment full");
        Assert.False(Directory.Exists(dir["run"]), "the run folder was created");
    }

    [Fact]
    public void Run_folder_without_a_model_is_a_one_line_error()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("evaluate", "--run", dir.Path), "not a DermLens run folder");
        File.WriteAllText(dir["config.json"], "{}");
        AssertOneLineError(CliRunner.Run("predict", "--run", dir.Path, "x.jpg"), "no trained model");
    }

    [Theory]
    [InlineData("train", "--epoch", "30", "--epochs")]
    [InlineData("predict", "--topk", "2", "--top")]
    [InlineData("evaluate", "--presicion", "bf16", "--precision")]
    public void A_misspelt_option_is_an_error_naming_it_and_the_closest_known_one_and_nothing_is_written(
        string verb, string option, string value, string suggestion)
    {
        using var dir = new TempDir();
        var args = verb switch
        {
            "train" => new[] { "train", "--data", SharedData.Ham10000, "--out", dir["run"], option, value },
            "predict" => ["predict", "--run", dir["run"], option, value, "x.jpg"],
            _ => ["evaluate", "--run", dir["run"], option, value],
        };
        AssertOneLineError(CliRunner.Run(args), $"Unknown option '{option.TrimStart('-')}'. Did you mean '{suggestion}'?");
        Assert.False(Directory.Exists(dir["run"]), "no run folder may be written");
    }

    [Fact]
    public void An_option_like_no_known_one_gets_no_suggestion()
    {
        var result = CliRunner.Run("evaluate", "--run", "r", "--zzzzzzzz", "1");
        AssertOneLineError(result, "Unknown option 'zzzzzzzz'.");
        Assert.DoesNotContain("Did you mean", result.Output);
    }

    [Fact]
    public void An_unknown_precision_is_a_one_line_error_before_any_file_is_written()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("train", "--data", SharedData.Ham10000, "--out", dir["run"], "--precision", "fp16"),
            "Unknown precision 'fp16'. Known: auto, fp32, bf16.");
        Assert.False(Directory.Exists(dir["run"]), "no run folder may be written");
    }

    [Theory]
    [InlineData("--test-fraction", "0.2", "--test-fraction and --test-data exclude each other")]
    [InlineData("--test-format", "ham10000", "--test-format needs --test-data.")]
    public void Test_options_that_contradict_each_other_are_a_one_line_error_before_any_file_is_written(
        string option, string value, string expected)
    {
        using var dir = new TempDir();
        string[] testData = option == "--test-fraction" ? ["--test-data", SharedData.Ham10000] : [];
        AssertOneLineError(CliRunner.Run(["train", "--data", SharedData.Cifar10, "--out", dir["run"], option, value, .. testData]), expected);
        Assert.False(Directory.Exists(dir["run"]), "no run folder may be written");
    }

    [Fact]
    public void Missing_required_option_says_which()
    {
        AssertOneLineError(CliRunner.Run("train", "--out", "x"), "--data");
    }
}
