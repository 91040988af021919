using System.Globalization;
using DermLens.Evaluation;
using Spectre.Console;

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
        headline.AddRow("top-1 accuracy", Pct(m.Top1Accuracy), Pct(ci?.Accuracy));
        headline.AddRow($"top-{m.TopK} accuracy", Pct(m.TopKAccuracy), "");
        headline.AddRow("balanced accuracy", Pct(m.BalancedAccuracy), Pct(ci?.BalancedAccuracy));
        headline.AddRow("macro F1", F(m.MacroF1), "");
        headline.AddRow("macro AUC (one-vs-rest)", F(m.MacroAuc), F(ci?.MacroAuc));
        headline.AddRow("ECE (calibration)", F(m.ExpectedCalibrationError), "");
        headline.AddRow("log loss", F(m.LogLoss), "");
        AnsiConsole.Write(headline);
        if (m.Calibration is { } calibration) PrintCalibration(calibration);

        var perClass = new Table().Border(TableBorder.Rounded).Title("Per class")
            .AddColumns("class", "n", "precision", "sensitivity", "specificity", "F1", "AUC");
        for (int c = 0; c < m.PerClass.Count; c++)
        {
            var k = m.PerClass[c];
            perClass.AddRow(k.Class.EscapeMarkup(), k.Support.ToString(CultureInfo.InvariantCulture), F(k.Precision),
                F(k.Recall) + Bracket(At(ci?.Recall, c)), F(k.Specificity) + Bracket(At(ci?.Specificity, c)), F(k.F1), F(k.Auc) + Bracket(At(ci?.Auc, c)));
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
        table.AddRow("ECE", F(c.EceBefore), F(c.EceAfter), c.EceChange is { } change ? $"{Signed(change.Value)} [{Signed(change.Low)}, {Signed(change.High)}]".EscapeMarkup() : "");
        table.AddRow("log loss", F(c.LogLossBefore), F(c.LogLossAfter), Signed(c.LogLossAfter - c.LogLossBefore));
        AnsiConsole.Write(table);
    }

    static string Signed(double v) => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
    static string Pct(double v) => v.ToString("P1", CultureInfo.InvariantCulture);
    static string Pct(MetricInterval? i) => i == null ? "" : $"{Pct(i.Low)} – {Pct(i.High)}";
    static string F(MetricInterval? i) => i == null ? "" : $"{F(i.Low)} – {F(i.High)}";
    // Spectre reads table cells as markup, where brackets open a style.
    static string Bracket(MetricInterval? i) => i == null ? "" : $" [{F(i.Low)}, {F(i.High)}]".EscapeMarkup();
    static MetricInterval? At(IReadOnlyList<MetricInterval?>? list, int c) => list != null && c < list.Count ? list[c] : null;
    static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
}
