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
    public void Lr_find_with_the_research_recipe_sweeps_exactly_what_train_lr_auto_sweeps_and_suggests_the_rate_it_trains_with()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--per-class", "4", "--size", "32").ExitCode);
        string[] options = ["--data", data, "--arch", "resnet18", "--pretrained", "--recipe", "research", "--image-size", "32",
            "--batch-size", "8", "--test-fraction", "0.25", "--val-fraction", "0.25"];
        var train = CliRunner.Run(["train", .. options, "--out", dir["train"], "--cycles", "1", "--head-epochs", "1"]);
        Assert.True(train.ExitCode == 0, train.ToString());
        var lrFind = CliRunner.Run(["lr-find", .. options, "--out", dir["lr-find"]]);
        Assert.True(lrFind.ExitCode == 0, lrFind.ToString());

        // The same mini-batches through the same head-only model: the same curve, row for row.
        Assert.Equal(File.ReadAllLines(Path.Combine(dir["train"], "lr_find.csv")), File.ReadAllLines(Path.Combine(dir["lr-find"], "lr_find.csv")));
        var search = DermLens.Runs.RunConfig.Load(Path.Combine(dir["train"], "config.json")).LrSearch!;
        Assert.Equal("minimum", search.Rule);
        Assert.Contains($"minimum/10 {DermLens.Reporting.RateText.Format(search.Chosen)}", File.ReadAllText(Path.Combine(dir["lr-find"], "log.txt")));
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
