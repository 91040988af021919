using System.Globalization;
using DermLens.Evaluation;
using Spectre.Console;

namespace DermLens.Cli.Views;

/// <summary>Prints evaluation metrics as tables: headline numbers, per class, most-confused pairs.</summary>
static class MetricsView
{
    public static void Print(ClassificationMetrics m, int minPairCount = 1)
    {
        var headline = new Table().Border(TableBorder.Rounded).Title("Test metrics").AddColumns("metric", "value");
        headline.AddRow("images", m.Count.ToString(CultureInfo.InvariantCulture));
        headline.AddRow("top-1 accuracy", Pct(m.Top1Accuracy));
        headline.AddRow($"top-{m.TopK} accuracy", Pct(m.TopKAccuracy));
        headline.AddRow("balanced accuracy", Pct(m.BalancedAccuracy));
        headline.AddRow("macro F1", F(m.MacroF1));
        headline.AddRow("macro AUC (one-vs-rest)", F(m.MacroAuc));
        headline.AddRow("ECE (calibration)", F(m.ExpectedCalibrationError));
        AnsiConsole.Write(headline);

        var perClass = new Table().Border(TableBorder.Rounded).Title("Per class")
            .AddColumns("class", "n", "precision", "sensitivity", "specificity", "F1", "AUC");
        foreach (var c in m.PerClass)
            perClass.AddRow(c.Class.EscapeMarkup(), c.Support.ToString(CultureInfo.InvariantCulture), F(c.Precision), F(c.Recall),
                F(c.Specificity), F(c.F1), F(c.Auc));
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

    static string Pct(double v) => v.ToString("P1", CultureInfo.InvariantCulture);
    static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
}
