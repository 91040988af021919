using System.Globalization;
using DermLens.Training;

namespace DermLens.Tests.Training;

public class LrFinderResultTests
{
    static double[] Rates(int n) => Enumerable.Range(0, n).Select(i => 1e-5 * Math.Pow(10, i / 4.0)).ToArray();

    [Fact]
    public void Early_points_are_left_out_of_the_suggestions()
    {
        // An unsettled average dips at the start; skipping 4 points finds the real bottom at index 12.
        double[] smoothed = [0.5, 2.0, 1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 1.2, 2.0, 4.0];
        var lrs = Rates(smoothed.Length);

        var result = new LrFinderResult(lrs, smoothed, smoothed, LrFinderStop.Completed, skipStart: 4);

        Assert.Equal(12, result.MinimumIndex);
        Assert.Equal(lrs[12] / 10, result.Minimum, 15);
        Assert.Equal(0, new LrFinderResult(lrs, smoothed, smoothed, LrFinderStop.Completed).MinimumIndex);
    }

    [Fact]
    public void The_steepest_fall_is_sought_before_the_minimum_only()
    {
        // After the bottom (index 4) the diverging loss jitters, with a sharper drop (6 -> 7) than any on the way down.
        double[] smoothed = [2.0, 1.9, 1.7, 1.6, 1.5, 3.0, 5.0, 3.5, 6.0];
        var result = new LrFinderResult(Rates(9), smoothed, smoothed, LrFinderStop.Completed);

        Assert.Equal(1, result.SteepestIndex);
        Assert.True(result.SteepestIndex < result.MinimumIndex);
    }

    [Fact]
    public void After_divergence_the_last_points_are_left_out()
    {
        // A dip inside the blow-up (index 12) would win without the skip.
        double[] smoothed = [3, 2.9, 2.8, 2.6, 2.4, 2.2, 2.0, 2.1, 3, 4, 5, 6, 1.5, 8, 9];
        var diverged = new LrFinderResult(Rates(15), smoothed, smoothed, LrFinderStop.Diverged, skipEnd: 5);
        var completed = new LrFinderResult(Rates(15), smoothed, smoothed, LrFinderStop.Completed, skipEnd: 5);

        Assert.Equal(6, diverged.MinimumIndex);
        Assert.Equal(12, completed.MinimumIndex);
    }

    [Fact]
    public void A_sweep_too_short_to_skip_is_read_whole()
    {
        double[] smoothed = [2, 1, 3];
        var result = new LrFinderResult(Rates(3), smoothed, smoothed, LrFinderStop.Diverged, skipStart: 10, skipEnd: 5);
        Assert.Equal(1, result.MinimumIndex);
        Assert.Equal(result.Valley, result.Suggested("valley"));
        Assert.Equal(result.Minimum, result.Suggested("minimum"));
        Assert.Equal(result.Steepest, result.Suggested("steepest"));
    }

    [Fact]
    public void Fewer_than_two_points_cannot_suggest_anything()
    {
        var error = Assert.Throws<DermLensException>(() => new LrFinderResult([1e-3], [2.0], [2.0], LrFinderStop.Diverged));
        Assert.Contains("too few", error.Message);
    }

    [Fact]
    public void Csv_holds_one_row_per_mini_batch_and_reads_back_exactly()
    {
        using var dir = new TempDir();
        var lrs = Rates(4);
        double[] losses = [2.5, 2.25, 2.0, 4.125], smoothed = [2.5, 2.375, 2.25, 2.7];
        var result = new LrFinderResult(lrs, losses, smoothed, LrFinderStop.Completed);
        result.SaveCsv(dir["lr_find.csv"]);

        var lines = File.ReadAllLines(dir["lr_find.csv"]);
        Assert.Equal("lr,loss,smoothed_loss", lines[0]);
        Assert.Equal(5, lines.Length);
        var last = lines[4].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([lrs[3], 4.125, 2.7], last);
        Assert.Equal([dir["lr_find.csv"]], Directory.GetFiles(dir.Path));
    }
}
