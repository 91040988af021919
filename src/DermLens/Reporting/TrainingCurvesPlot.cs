using DermLens.Training;
using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Draws loss and accuracy per epoch, training beside validation, with the best epoch marked.</summary>
public static class TrainingCurvesPlot
{
    static readonly Color TrainColor = Colors.C0;
    static readonly Color ValidationColor = Colors.C1;
    static readonly Color BestColor = Colors.Gray;

    /// <summary>
    /// Writes two side-by-side panels (loss, accuracy) as PNG. The best epoch is <paramref name="bestEpoch"/>,
    /// or else the one with the lowest validation loss; NaN values (no validation set) are left out.
    /// </summary>
    public static void Save(IReadOnlyList<EpochRecord> history, string path, int? bestEpoch = null,
        int width = 1200, int height = 480)
    {
        if (history.Count == 0) throw new DermLensException($"{path}: no epochs to plot; the training history is empty.");
        var best = bestEpoch ?? LowestValidationLoss(history);
        var multiplot = PlotImage.CreateMultiplot(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var (loss, accuracy) = (multiplot.GetPlot(0), multiplot.GetPlot(1));

        // Loss falls and accuracy rises, so each legend goes where its curves are not.
        AddPanel(loss, history, "Loss", "loss", r => r.TrainLoss, r => r.ValidationLoss, best, Alignment.UpperRight);
        AddPanel(accuracy, history, "Accuracy", "accuracy (%)", r => 100 * r.TrainAccuracy, r => 100 * r.ValidationAccuracy,
            best, Alignment.LowerRight);
        PlotImage.SavePng(multiplot, path, width, height);
    }

    static void AddPanel(Plot plot, IReadOnlyList<EpochRecord> history, string title, string yLabel,
        Func<EpochRecord, double> train, Func<EpochRecord, double> validation, int? best, Alignment legend)
    {
        AddSeries(plot, history, train, "train", TrainColor);
        AddSeries(plot, history, validation, "validation", ValidationColor);
        if (best is int epoch)
        {
            var line = plot.Add.VerticalLine(epoch, 1.5f, BestColor, LinePattern.Dashed);
            line.LegendText = $"best epoch {epoch}";
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(legend);
    }

    static void AddSeries(Plot plot, IReadOnlyList<EpochRecord> history, Func<EpochRecord, double> value,
        string label, Color color)
    {
        var points = history.Where(r => double.IsFinite(value(r))).ToArray();
        if (points.Length == 0) return;
        var scatter = plot.Add.Scatter(points.Select(r => (double)r.Epoch).ToArray(), points.Select(value).ToArray(), color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = points.Length > 60 ? 0 : 6;
    }

    static int? LowestValidationLoss(IReadOnlyList<EpochRecord> history)
    {
        var withValidation = history.Where(r => double.IsFinite(r.ValidationLoss)).ToArray();
        return withValidation.Length == 0 ? null : withValidation.MinBy(r => r.ValidationLoss)!.Epoch;
    }
}
