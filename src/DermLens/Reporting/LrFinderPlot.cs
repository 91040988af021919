using DermLens.Training;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Draws an LR range test: loss against the learning rate on a log axis, with the suggested rates marked.</summary>
public static class LrFinderPlot
{
    static readonly Color RawColor = Colors.Gray.WithAlpha(0.45);
    static readonly Color SmoothedColor = Colors.C0;

    public static void Save(LrFinderResult result, string path, int width = 1000, int height = 520)
    {
        if (result.Lrs.Any(lr => !(lr > 0)) || result.SmoothedLosses.Any(l => !double.IsFinite(l)))
            throw new DermLensException($"{path}: learning rates must be positive and losses finite to plot them.");
        var plot = PlotImage.CreatePlot();
        // ScottPlot has no log axis: positions are log10(lr) and the tick labels turn them back into rates.
        var x = result.Lrs.Select(Math.Log10).ToArray();

        var raw = plot.Add.Scatter(x, result.Losses.ToArray(), RawColor);
        raw.LegendText = "loss per mini-batch";
        raw.LineWidth = 1;
        raw.MarkerSize = 0;
        var smoothed = plot.Add.Scatter(x, result.SmoothedLosses.ToArray(), SmoothedColor);
        smoothed.LegendText = "smoothed loss";
        smoothed.LineWidth = 2.5f;
        smoothed.MarkerSize = 0;

        Mark(plot, result, "valley", result.Valley, Colors.C2, LinePattern.Solid);
        Mark(plot, result, "steepest", result.Steepest, Colors.C1, LinePattern.Dashed);
        Mark(plot, result, "minimum/10", result.Minimum, Colors.C3, LinePattern.Dotted);

        plot.Title("LR range test");
        plot.XLabel("learning rate (log scale)");
        plot.YLabel("loss");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = position => RateText.Format(Math.Pow(10, position)),
        };
        // The raw loss explodes at the end of a diverged sweep; the smoothed curve decides what is worth showing.
        var (low, high) = (result.SmoothedLosses.Min(), result.SmoothedLosses.Max());
        var pad = Math.Max(high - low, Math.Abs(high) * 0.01 + 1e-9) * 0.1;
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.Axes.SetLimitsX(x[0] - 0.05 * (x[^1] - x[0] + 1), x[^1] + 0.05 * (x[^1] - x[0] + 1));
        // Outside the data area: where the curve leaves room differs from one sweep to the next.
        plot.ShowLegend(Edge.Right);
        PlotImage.SavePng(plot, path, width, height);
    }

    /// <summary>A vertical line at the suggested rate, and a dot where it meets the smoothed curve.</summary>
    static void Mark(Plot plot, LrFinderResult result, string name, double lr, Color color, LinePattern pattern)
    {
        var position = Math.Log10(lr);
        var line = plot.Add.VerticalLine(position, 2, color, pattern);
        line.LegendText = $"{name} {RateText.Format(lr)}";
        if (SmoothedLossAt(result, lr) is double loss)
        {
            var marker = plot.Add.Marker(position, loss, MarkerShape.FilledCircle, 10, color);
            marker.LegendText = "";
        }
    }

    /// <summary>The smoothed loss interpolated in log LR; null left of the sweep (minimum/10 may fall there).</summary>
    static double? SmoothedLossAt(LrFinderResult result, double lr)
    {
        var lrs = result.Lrs;
        if (lr < lrs[0] || lr > lrs[^1]) return null;
        int i = 0;
        while (i + 2 < lrs.Count && lrs[i + 1] < lr) i++;
        var t = Math.Clamp((Math.Log(lr) - Math.Log(lrs[i])) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i])), 0, 1);
        return result.SmoothedLosses[i] + t * (result.SmoothedLosses[i + 1] - result.SmoothedLosses[i]);
    }
}
