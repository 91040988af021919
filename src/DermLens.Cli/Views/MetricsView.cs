using System.Globalization;
using DermLens.Evaluation;
using Spectre.Console;

using static DermLens.Cli.Views.Cells;

namespace DermLens.Cli.Views;

/// <summary>Prints evaluation metrics as tables: headline numbers, per class, most-confused pairs.</summary>
static class MetricsView
{
    public static void Print(ClassificationMetrics m, int minPairCount = 1)
    {
        var ci = m.Intervals;
        var headline = new Table().Border(TableBorder.Rounded).Title("Test metrics").AddColumns("metric", "value", "95 % interval");
        if (ci != null) headline.Caption($"intervals: bootstrap over {ci.Groups:N0} {ci.Unit}, {ci.Resamples:N0} resamples");
        headline.AddRow("images", m.Count.ToString(CultureInfo.InvariantCulture), "");
        headline.AddRow("top-1 accuracy", Percent(m.Top1Accuracy), Percent(ci?.Accuracy));
        headline.AddRow($"top-{m.TopK} accuracy", Percent(m.TopKAccuracy), "");
        headline.AddRow("balanced accuracy", Percent(m.BalancedAccuracy), Percent(ci?.BalancedAccuracy));
        headline.AddRow("macro F1", Number(m.MacroF1), "");
        headline.AddRow("macro AUC (one-vs-rest)", Number(m.MacroAuc), Number(ci?.MacroAuc));
        headline.AddRow("ECE (calibration)", Number(m.ExpectedCalibrationError), "");
        headline.AddRow("log loss", Number(m.LogLoss), "");
        AnsiConsole.Write(headline);
        if (m.Calibration is { } calibration) PrintCalibration(calibration);

        var perClass = new Table().Border(TableBorder.Rounded).Title("Per class")
            .AddColumns("class", "n", "precision", "sensitivity", "specificity", "F1", "AUC");
        for (int c = 0; c < m.PerClass.Count; c++)
        {
            var k = m.PerClass[c];
            perClass.AddRow(k.Class.EscapeMarkup(), k.Support.ToString(CultureInfo.InvariantCulture), Number(k.Precision),
                Number(k.Recall) + Bracket(At(ci?.Recall, c)), Number(k.Specificity) + Bracket(At(ci?.Specificity, c)), Number(k.F1), Number(k.Auc) + Bracket(At(ci?.Auc, c)));
        }
        AnsiConsole.Write(perClass);

        var pairs = m.ConfusedPairs.Where(p => p.Count >= minPairCount).Take(10).ToList();
        if (pairs.Count == 0) return;
        var confused = new Table().Border(TableBorder.Rounded).Title("Most-confused label pairs (both directions)")
            .AddColumns("pair", "errors", "A→B", "B→A");
        foreach (var p in pairs)
            confused.AddRow($"{p.A} / {p.B}".EscapeMarkup(), p.Count.ToString(CultureInfo.InvariantCulture),
                p.AtoB.ToString(CultureInfo.InvariantCulture), p.BtoA.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(confused);
    }

    static void PrintCalibration(CalibrationSummary c)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Temperature scaling (T = {c.Temperature.ToString("0.00", CultureInfo.InvariantCulture)}, fitted on validation)")
            .AddColumns("on the test part", "before", "after", "change, 95 % interval");
        table.AddRow("ECE", Number(c.EceBefore), Number(c.EceAfter), c.EceChange is { } change ? $"{Signed(change.Value)} [{Signed(change.Low)}, {Signed(change.High)}]".EscapeMarkup() : "");
        table.AddRow("log loss", Number(c.LogLossBefore), Number(c.LogLossAfter), Signed(c.LogLossAfter - c.LogLossBefore));
        AnsiConsole.Write(table);
    }

    static string Signed(double v) => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
    // Spectre reads table cells as markup, where brackets open a style.
    static string Bracket(MetricInterval? i) => i == null ? "" : $" [{Number(i.Low)}, {Number(i.High)}]".EscapeMarkup();
    static MetricInterval? At(IReadOnlyList<MetricInterval?>? list, int c) => list != null && c < list.Count ? list[c] : null;
}
