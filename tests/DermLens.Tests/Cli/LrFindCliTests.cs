using System.Globalization;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class LrFindCliTests
{
    [Fact]
    public void Lr_find_writes_the_csv_and_plot_and_prints_the_suggestions()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--per-class", "4", "--size", "32").ExitCode);

        var result = CliRunner.Run("lr-find", "--data", data, "--out", run, "--arch", "resnet18", "--image-size", "16",
            "--batch-size", "8", "--iterations", "12", "--start-lr", "1e-5", "--end-lr", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var word in new[] { "valley", "steepest", "minimum/10", "lr_find.png" }) Assert.Contains(word, result.Output);
        var rows = File.ReadAllLines(Path.Combine(run, "lr_find.csv"));
        Assert.Equal("lr,loss,smoothed_loss", rows[0]);
        Assert.InRange(rows.Length - 1, 2, 12);
        Assert.Equal(1e-5, double.Parse(rows[1].Split(',')[0], CultureInfo.InvariantCulture), 12);
        Assert.True(new FileInfo(Path.Combine(run, "lr_find.png")).Length > 10_000);
        Assert.Contains("suggestions: valley", File.ReadAllText(Path.Combine(run, "log.txt")));
    }

    [Fact]
    public void Impossible_range_is_a_one_line_error()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("lr-find", "--data", SharedData.Ham10000, "--out", dir["run"], "--start-lr", "1", "--end-lr", "0.1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("start LR < end LR", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }
}
