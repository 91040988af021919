using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>
/// Each class's one-vs-rest ROC curve on one plot with its AUC in the legend, the malignant-vs-rest curve drawn thicker
/// over them with the screening operating points marked on it, and the diagonal of a classifier that guesses.
/// </summary>
public static class RocCurvesPlot
{
    static readonly MarkerShape[] SpecificityMarkers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp];
    const MarkerShape ReferralMarker = MarkerShape.FilledDiamond;
    const float MarkerSize = 11;
    // Magenta is in no class's palette, and the outline keeps a mark readable on the black malignant curve.
    static readonly Color MarkerColor = Colors.Magenta;

    /// <summary>
    /// Writes the plot as PNG; classes without a curve are left out. With <paramref name="screening"/>, its points at
    /// each target specificity and its referral rule's result are marked; throws when there is no curve at all.
    /// </summary>
    public static void Save(IReadOnlyList<OneVsRestCurves> classes, string path, OneVsRestCurves? malignant = null,
        ScreeningReport? screening = null, int width = 1050, int height = 720)
    {
        if (classes.All(c => c.Roc == null) && malignant?.Roc == null)
            throw new DermLensException($"{path}: no ROC curve to plot; no class has both positive and negative samples.");
        var plot = PlotImage.CreatePlot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.Color = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        for (int c = 0; c < classes.Count; c++)
            if (classes[c].Roc is { } roc) Add(plot, roc, c, $"{CurveStyle.Name(classes[c])} (AUC {roc.Auc:0.000})");
        if (malignant?.Roc is { } malignantRoc) Add(plot, malignantRoc, null, $"{CurveStyle.Name(malignant)} (AUC {malignantRoc.Auc:0.000})");
        if (screening != null) MarkOperatingPoints(plot, screening);
        CurveStyle.Finish(plot, "ROC curves, each against the rest", "false positive rate (1 − specificity)", "true positive rate (sensitivity)");
        PlotImage.SavePng(plot, path, width, height);
    }

    static void Add(Plot plot, RocCurve roc, int? classIndex, string legend) => CurveStyle.AddCurve(plot,
        roc.Points.Select(p => p.FalsePositiveRate).ToArray(), roc.Points.Select(p => p.TruePositiveRate).ToArray(), classIndex, legend);

    static void MarkOperatingPoints(Plot plot, ScreeningReport screening)
    {
        for (int i = 0; i < screening.AtSpecificity.Count; i++)
        {
            var point = screening.AtSpecificity[i];
            var threshold = double.IsFinite(point.Threshold) ? $"score ≥ {point.Threshold:0.###}" : "refer nobody";
            Mark(plot, point.Specificity, point.Sensitivity, SpecificityMarkers[i % SpecificityMarkers.Length],
                $"spec ≥ {CurveStyle.Percent(point.TargetSpecificity)}: sens {CurveStyle.Percent(point.Sensitivity)} ({threshold})");
        }
        if (screening.Referral is { Sensitivity: double sensitivity, Specificity: double specificity } rule)
            Mark(plot, specificity, sensitivity, ReferralMarker,
                $"referral rule for sens {CurveStyle.Percent(rule.TargetSensitivity)}: sens {CurveStyle.Percent(sensitivity)}, spec {CurveStyle.Percent(specificity)}");
    }

    static void Mark(Plot plot, double specificity, double sensitivity, MarkerShape shape, string legend)
    {
        var marker = plot.Add.Marker(1 - specificity, sensitivity, shape, MarkerSize, MarkerColor);
        marker.MarkerStyle.OutlineColor = Colors.Black;
        marker.MarkerStyle.OutlineWidth = 1.5f;
        marker.LegendText = legend;
    }
}
