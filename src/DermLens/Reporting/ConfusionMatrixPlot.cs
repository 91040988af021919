using DermLens.Evaluation;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Draws a confusion matrix as a heat map: true class down the side, predicted along the bottom, counts in the cells.</summary>
public static class ConfusionMatrixPlot
{
    const int CellPixels = 72;

    /// <summary>Writes the heat map as PNG; with <paramref name="normalise"/> the colour is the share of the true class (recall along the diagonal).</summary>
    public static void Save(ConfusionMatrix matrix, string path, bool normalise = true)
    {
        var (width, height) = ImageSize(matrix);
        PlotImage.SavePng(Build(matrix, normalise), path, width, height);
    }

    static Plot Build(ConfusionMatrix matrix, bool normalise)
    {
        int n = matrix.Size;
        var shares = matrix.RowNormalised();
        var values = new double[n, n];
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                values[t, p] = normalise ? shares[t, p] : matrix[t, p];

        var plot = PlotImage.CreatePlot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        if (normalise) heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = normalise ? "share of true class" : "samples";
        if (normalise)
        {
            double[] shareTicks = [0, 0.25, 0.5, 0.75, 1];
            colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                shareTicks, shareTicks.Select(v => $"{v * 100:0}%").ToArray());
        }

        var maximum = normalise ? 1.0 : Math.Max(1, Enumerable.Range(0, n).Max(t => Enumerable.Range(0, n).Max(p => matrix[t, p])));
        var fontSize = Math.Clamp(CellPixels / 4.5f, 10, 16);
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
            {
                var text = plot.Add.Text(CellText(matrix[t, p], shares[t, p], normalise), p, n - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                // Dark cells take white text; the threshold sits where Blues turns mid-blue.
                text.LabelFontColor = matrix[t, p] == 0 ? Colors.Gray
                    : values[t, p] / maximum > 0.55 ? Colors.White : Colors.Black;
            }

        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, matrix.Classes.ToArray());
        plot.Axes.Left.SetTicks(positions, matrix.Classes.Reverse().ToArray());
        if (NeedsRotatedLabels(matrix.Classes))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot sizes the axis for level labels; turned ones need their diagonal's height plus the axis title.
            plot.Axes.Bottom.MinimumSize = RotatedLabelHeight(matrix.Classes) + 30;
        }
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        plot.XLabel("Predicted class");
        plot.YLabel("True class");
        plot.Title($"Confusion matrix: {matrix.Total} samples, accuracy {Accuracy(matrix) * 100:0.0}%");
        return plot;
    }

    static string CellText(int count, double share, bool normalise) =>
        normalise && count > 0 ? $"{count}\n{share * 100:0}%" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static double Accuracy(ConfusionMatrix matrix) => matrix.Total == 0 ? 0 : (double)matrix.Correct / matrix.Total;

    /// <summary>Class names wider than a cell would run into each other unless turned.</summary>
    static bool NeedsRotatedLabels(IReadOnlyList<string> classes) => LabelWidth(classes) > CellPixels - 8;

    /// <summary>Width of the longest class name at the 13 pt tick font (about 8 px a character).</summary>
    static int LabelWidth(IReadOnlyList<string> classes) => classes.Max(c => c.Length) * 8;

    static int RotatedLabelHeight(IReadOnlyList<string> classes) => (int)(LabelWidth(classes) * Math.Sqrt(0.5)) + 16;

    static (int Width, int Height) ImageSize(ConfusionMatrix matrix)
    {
        var bottomAxis = NeedsRotatedLabels(matrix.Classes) ? RotatedLabelHeight(matrix.Classes) + 30 : 50;
        var grid = Math.Max(matrix.Size * CellPixels, 420); // the title is centred over the grid and must fit in it
        return (grid + LabelWidth(matrix.Classes) + 200, grid + bottomAxis + 60);
    }
}
