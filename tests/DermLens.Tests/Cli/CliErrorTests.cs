namespace DermLens.Tests.Cli;

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

    [Fact]
    public void Run_folder_without_a_model_is_a_one_line_error()
    {
        using var dir = new TempDir();
        AssertOneLineError(CliRunner.Run("evaluate", "--run", dir.Path), "not a DermLens run folder");
        File.WriteAllText(dir["config.json"], "{}");
        AssertOneLineError(CliRunner.Run("predict", "--run", dir.Path, "x.jpg"), "no trained model");
    }

    [Fact]
    public void Missing_required_option_says_which()
    {
        AssertOneLineError(CliRunner.Run("train", "--out", "x"), "--data");
    }
}
