namespace DermLens.Reporting;

/// <summary>One labelled configuration on a <see cref="FrontierPlot"/>: its cost, its score and the score's interval.</summary>
public sealed record FrontierPoint(string Label, double Cost, double Value, double Low, double High);

/// <summary>
/// A score against what it cost (e.g. balanced accuracy against training minutes), one labelled point per
/// configuration with its interval as a vertical bar: the frontier of what a budget buys.
/// </summary>
public static class FrontierPlot
{
    public static void Save(IReadOnlyList<FrontierPoint> points, string path, string title, string costLabel, string valueLabel,
        int width = 1100, int height = 650)
    {
        if (points.Count == 0) throw new DermLensException($"{path}: no points to plot.");
        var plot = PlotImage.CreatePlot();
        foreach (var p in points)
        {
            var marker = plot.Add.Marker(p.Cost, p.Value);
            marker.Size = 8;
            if (double.IsFinite(p.Low) && double.IsFinite(p.High))
            {
                var bar = plot.Add.Line(p.Cost, p.Low, p.Cost, p.High);
                bar.Color = marker.Color;
            }
            var label = plot.Add.Text(p.Label, p.Cost, p.Value);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
        }
        // From zero cost, with room on the right for the last label: the frontier reads as what each budget buys.
        plot.Axes.SetLimitsX(0, points.Max(p => p.Cost) * 1.25 + 1e-9);
        plot.Title(title);
        plot.XLabel(costLabel);
        plot.YLabel(valueLabel);
        PlotImage.SavePng(plot, path, width, height);
    }
}
