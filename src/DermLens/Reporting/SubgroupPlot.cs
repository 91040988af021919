using System.Globalization;
using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Draws one grouping's balanced accuracy per group as horizontal bars with their intervals, against the whole set's.</summary>
public static class SubgroupPlot
{
    const int RowPixels = 44;
    const double BarHeight = 0.6;
    const double CapHeight = 0.2;
    static readonly Color BarColor = Colors.C0;
    static readonly Color TooFewColor = Colors.Gray;

    /// <summary>Writes the PNG: groups top to bottom in the table's order, too-small groups grey and marked with their image count.</summary>
    public static void Save(SubgroupTable table, string path, int width = 900)
    {
        if (table.Groups.Count == 0) throw new DermLensException($"{path}: grouping '{table.Grouping}' has no groups to plot.");
        PlotImage.SavePng(Build(table), path, width, Math.Max(320, 190 + table.Groups.Count * RowPixels));
    }

    static Plot Build(SubgroupTable table)
    {
        var plot = PlotImage.CreatePlot();
        var n = table.Groups.Count;
        // Row 0 of the table is drawn at the top.
        double Row(int i) => n - 1 - i;
        AddBars(plot, table, Row, tooFew: false);
        AddBars(plot, table, Row, tooFew: true);
        for (int i = 0; i < n; i++)
        {
            var group = table.Groups[i];
            if (group.BalancedAccuracyInterval is { } interval) AddInterval(plot, interval, Row(i));
            if (group.TooFew)
            {
                var label = plot.Add.Text($"n = {group.Images.ToString(CultureInfo.InvariantCulture)}",
                    Math.Max(group.BalancedAccuracy, group.BalancedAccuracyInterval?.High ?? 0), Row(i));
                label.LabelAlignment = Alignment.MiddleLeft;
                label.LabelFontSize = 12;
                label.LabelFontColor = TooFewColor;
                label.OffsetX = 8;
            }
        }
        var overall = plot.Add.VerticalLine(table.OverallBalancedAccuracy, 1.5f, Colors.Black, LinePattern.Dashed);
        overall.LegendText = $"all images: {table.OverallBalancedAccuracy.ToString("0.000", CultureInfo.InvariantCulture)}";

        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => Row(i)).ToArray(), table.Groups.Select(g => g.Name).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        double[] ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
        plot.Axes.Bottom.SetTicks(ticks, ticks.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
        // Room right of 1 for the "n = ..." of a too-small group that scored perfectly.
        plot.Axes.SetLimits(0, 1.15, -0.6, n - 0.4);
        plot.HideGrid();
        plot.XLabel("balanced accuracy (95 % interval over lesions)");
        plot.Title($"Balanced accuracy by {table.Grouping}");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    static void AddBars(Plot plot, SubgroupTable table, Func<int, double> row, bool tooFew)
    {
        var color = tooFew ? TooFewColor : BarColor;
        var bars = table.Groups.Select((g, i) => (Group: g, Row: row(i))).Where(b => b.Group.TooFew == tooFew)
            .Select(b => new Bar { Position = b.Row, Value = b.Group.BalancedAccuracy, Size = BarHeight, FillColor = color, LineWidth = 0 })
            .ToArray();
        if (bars.Length == 0) return;
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        // The axis already says what the blue bars are; only grey needs explaining.
        if (tooFew) plottable.LegendText = $"too few to compare (under {SubgroupMetrics.MinImages} images or {SubgroupMetrics.MinLesions} lesions)";
    }

    static void AddInterval(Plot plot, MetricInterval interval, double row)
    {
        foreach (var line in new[]
                 {
                     plot.Add.Line(interval.Low, row, interval.High, row),
                     plot.Add.Line(interval.Low, row - CapHeight, interval.Low, row + CapHeight),
                     plot.Add.Line(interval.High, row - CapHeight, interval.High, row + CapHeight),
                 })
        {
            line.Color = Colors.Black;
            line.LineWidth = 1.5f;
        }
    }
}
