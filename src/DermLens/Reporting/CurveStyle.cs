using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>The look the ROC and precision-recall plots share, so a class has one colour in both and the malignant curve stands out in each.</summary>
static class CurveStyle
{
    const float ClassLineWidth = 2;
    const float MalignantLineWidth = 4.5f;
    static readonly Color MalignantColor = Colors.Black;
    static readonly IPalette ClassPalette = new ScottPlot.Palettes.Category10();

    /// <summary>Adds class <paramref name="classIndex"/>'s curve in its palette colour, or the malignant curve when the index is null.</summary>
    public static ScottPlot.Plottables.Scatter AddCurve(Plot plot, double[] xs, double[] ys, int? classIndex, string legend)
    {
        var line = plot.Add.Scatter(xs, ys, classIndex is int c ? ClassPalette.GetColor(c) : MalignantColor);
        line.LineWidth = classIndex == null ? MalignantLineWidth : ClassLineWidth;
        line.MarkerSize = 0;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Unit axes with a margin, so curves along an edge stay visible, and the legend beside the data, where it hides no curve.</summary>
    public static void Finish(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
    }

    /// <summary>A share as a percentage with at most one decimal: 80%, 91.3%.</summary>
    public static string Percent(double share) => $"{share * 100:0.#}%";

    /// <summary>The legend name of a curve: its class, or "malignant" and the classes it sums.</summary>
    public static string Name(OneVsRestCurves curves) => curves.Name == OneVsRestCurves.MalignantName
        ? $"{OneVsRestCurves.MalignantName}: {string.Join("+", curves.Positives)}" : curves.Name;
}
