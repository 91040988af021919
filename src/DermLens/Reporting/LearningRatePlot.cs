using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Draws the learning rate against the iteration, to show a schedule such as SGDR's warm restarts.</summary>
public static class LearningRatePlot
{
    public static void Save(IReadOnlyList<double> lrPerIteration, string path, int width = 900, int height = 420)
    {
        if (lrPerIteration.Count == 0) throw new DermLensException($"{path}: no learning rates to plot.");
        if (lrPerIteration.Any(lr => !double.IsFinite(lr) || lr < 0))
            throw new DermLensException($"{path}: learning rates must be finite and not negative.");
        var plot = PlotImage.CreatePlot();
        var line = plot.Add.Signal(lrPerIteration.ToArray());
        line.LineWidth = 2;
        line.MarkerSize = 0;
        plot.Title("Learning rate schedule");
        plot.XLabel("iteration");
        plot.YLabel("learning rate");
        var highest = lrPerIteration.Max();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = rate => FormatRate(rate, highest) };
        plot.Axes.SetLimitsY(0, highest > 0 ? highest * 1.08 : 1);
        PlotImage.SavePng(plot, path, width, height);
    }

    /// <summary>Small schedules (peak under 0.01) read better as 5e-4 than as 0.0005; one style per axis.</summary>
    static string FormatRate(double rate, double highest) => rate == 0 ? "0"
        : rate.ToString(highest < 0.01 ? "0.##e0" : "0.#####", System.Globalization.CultureInfo.InvariantCulture);
}
