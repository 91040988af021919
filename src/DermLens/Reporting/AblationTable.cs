using System.Globalization;
using DermLens.Data;

namespace DermLens.Reporting;

/// <summary>An ablation's rows as CSV (one line per run) and as a Markdown table (one line per setting, seeds side by side).</summary>
public static class AblationTable
{
    public static string Csv(IEnumerable<AblationRow> rows) =>
        "setting,seed,accuracy,balanced_accuracy,test_images,best_epoch,seconds\n" + string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{CsvTable.Quote(r.Setting)},{r.Seed},{r.Accuracy:0.####},{r.BalancedAccuracy:0.####},{r.TestImages},{r.BestEpoch},{r.Elapsed.TotalSeconds:0.#}\n")));

    /// <summary>Per setting, in order of first appearance: mean over seeds, each seed's value, the change of the mean against "none".</summary>
    public static string Markdown(IReadOnlyList<AblationRow> rows)
    {
        var seeds = rows.Select(r => r.Seed).Distinct().ToList();
        var settings = rows.GroupBy(r => r.Setting).ToList();
        var baseline = settings.FirstOrDefault(g => g.Key == "none");
        string PerSeed(IEnumerable<AblationRow> g, Func<AblationRow, double> f) =>
            string.Join(" / ", seeds.Select(s => g.FirstOrDefault(r => r.Seed == s) is { } r ? Percent(f(r)) : "-"));
        var text = new System.Text.StringBuilder();
        text.Append("| setting | accuracy, mean | balanced accuracy, mean | Δ balanced vs none | accuracy per seed | balanced per seed | test images | wall time per run |\n");
        text.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var g in settings)
        {
            double balanced = g.Average(r => r.BalancedAccuracy);
            var delta = baseline == null || g.Key == "none" ? "-"
                : (100 * (balanced - baseline.Average(r => r.BalancedAccuracy))).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pt";
            text.Append(CultureInfo.InvariantCulture,
                $"| `{g.Key}` | {Percent(g.Average(r => r.Accuracy))} | {Percent(balanced)} | {delta} | {PerSeed(g, r => r.Accuracy)} | {PerSeed(g, r => r.BalancedAccuracy)} | {g.First().TestImages} | {g.Average(r => r.Elapsed.TotalSeconds):0} s |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nSeeds (columns \"per seed\", in this order): {string.Join(", ", seeds)}.\n");
        return text.ToString();
    }

    static string Percent(double value) => (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
