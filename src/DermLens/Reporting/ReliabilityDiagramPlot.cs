using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>
/// Draws a reliability diagram: accuracy against confidence per bin, before and after temperature scaling, beside the
/// diagonal a calibrated model follows; each point's size grows with its bin's share of the images.
/// </summary>
public static class ReliabilityDiagramPlot
{
    public static void Save(CalibrationSummary calibration, string path, int width = 640, int height = 600)
    {
        var plot = PlotImage.CreatePlot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "calibrated";
        int total = calibration.BinsBefore.Sum(b => b.Count);
        AddBins(plot, calibration.BinsBefore, total, Colors.C1, $"before (ECE {calibration.EceBefore:0.000})");
        AddBins(plot, calibration.BinsAfter, total, Colors.C0, $"temperature {calibration.Temperature:0.00} (ECE {calibration.EceAfter:0.000})");
        plot.Title("Reliability");
        plot.XLabel("confidence (top probability)");
        plot.YLabel("accuracy");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        PlotImage.SavePng(plot, path, width, height);
    }

    static void AddBins(Plot plot, IReadOnlyList<ReliabilityBin> bins, int total, Color color, string label)
    {
        var line = plot.Add.Scatter(bins.Select(b => b.MeanConfidence).ToArray(), bins.Select(b => b.Accuracy).ToArray(), color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        foreach (var bin in bins)
        {
            var marker = plot.Add.Marker(bin.MeanConfidence, bin.Accuracy, MarkerShape.FilledCircle, (float)(4 + 16 * Math.Sqrt((double)bin.Count / total)), color);
            marker.LegendText = "";
        }
    }
}
