using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>
/// Each class's one-vs-rest precision-recall curve on one plot with its average precision in the legend, and the
/// malignant-vs-rest curve drawn thicker; drawn as steps, whose area is the average precision.
/// </summary>
public static class PrecisionRecallPlot
{
    /// <summary>Writes the plot as PNG; classes without a curve are left out, and having none at all is an error.</summary>
    public static void Save(IReadOnlyList<OneVsRestCurves> classes, string path, OneVsRestCurves? malignant = null,
        int width = 1050, int height = 720)
    {
        if (classes.All(c => c.PrecisionRecall == null) && malignant?.PrecisionRecall == null)
            throw new DermLensException($"{path}: no precision-recall curve to plot; no class has a positive sample.");
        var plot = PlotImage.CreatePlot();
        for (int c = 0; c < classes.Count; c++)
            if (classes[c].PrecisionRecall is { } curve) Add(plot, curve, c, CurveStyle.Name(classes[c]));
        if (malignant?.PrecisionRecall is { } malignantCurve) Add(plot, malignantCurve, null, CurveStyle.Name(malignant));
        CurveStyle.Finish(plot, "Precision-recall curves, each against the rest", "recall (sensitivity)", "precision (positive predictive value)");
        PlotImage.SavePng(plot, path, width, height);
    }

    static void Add(Plot plot, PrecisionRecallCurve curve, int? classIndex, string name)
    {
        var line = CurveStyle.AddCurve(plot, curve.Points.Select(p => p.Recall).ToArray(), curve.Points.Select(p => p.Precision).ToArray(),
            classIndex, $"{name} (AP {curve.AveragePrecision:0.000})");
        // Up or down to a point's precision, then along to its recall: the area under these steps is the average precision.
        line.ConnectStyle = ConnectStyle.StepVertical;
    }
}
