using System.Globalization;
using DermLens.Evaluation;
using Spectre.Console;

using static DermLens.Cli.Views.Cells;

namespace DermLens.Cli.Views;

/// <summary>Prints one table per subgroup grouping: each group's size, balanced accuracy with its interval and per-class
/// sensitivity, groups too small to read in grey, and the largest gaps under the table.</summary>
static class SubgroupsView
{
    // Columns of a class's sensitivity ("0.57" and borders); they are shown only where the terminal is wide enough,
    // the CSV and the report hold them always.
    const int ClassColumnWidth = 8, FixedWidth = 60;

    public static void Print(IReadOnlyList<SubgroupTable> tables)
    {
        foreach (var t in tables)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"By {t.Grouping}".EscapeMarkup())
                .AddColumns("group", "images", "lesions", "balanced accuracy (95 % interval)");
            bool classColumns = FixedWidth + ClassColumnWidth * t.Classes.Count <= AnsiConsole.Profile.Width;
            if (classColumns) foreach (var c in t.Classes) table.AddColumn(c.EscapeMarkup());
            foreach (var g in t.Groups)
            {
                var cells = new List<string>
                {
                    g.Name, g.Images.ToString(CultureInfo.InvariantCulture), g.Lesions.ToString(CultureInfo.InvariantCulture),
                    Percent(g.BalancedAccuracy) + (g.BalancedAccuracyInterval is { } i ? $" ({Percent(i.Low)} – {Percent(i.High)})" : ""),
                };
                if (classColumns) cells.AddRange(g.Sensitivity.Select(s => s.Value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–"));
                table.AddRow(cells.Select(c => g.TooFew ? $"[grey]{c.EscapeMarkup()}[/]" : c.EscapeMarkup()).ToArray());
            }
            table.Caption(Caption(t).EscapeMarkup());
            AnsiConsole.Write(table);
        }
    }

    static string Caption(SubgroupTable t)
    {
        var parts = new List<string>();
        if (t.BalancedAccuracyGap is { } gap)
            parts.Add($"balanced accuracy gap {Points(gap.Difference)} ({gap.Highest} {Percent(gap.HighestValue)} vs {gap.Lowest} {Percent(gap.LowestValue)})");
        if (t.LargestEqualOpportunity is { } eo)
            parts.Add($"largest equal-opportunity difference: {eo.Class} sensitivity {Points(eo.Gap.Difference)} ({eo.Gap.Highest} vs {eo.Gap.Lowest})");
        if (t.Groups.Any(g => g.TooFew)) parts.Add("grey: too few images or lesions to compare");
        if (FixedWidth + ClassColumnWidth * t.Classes.Count > AnsiConsole.Profile.Width)
            parts.Add("per-class sensitivity: subgroups.csv and the report (or a wider terminal)");
        else parts.Add("class columns: sensitivity");
        if (parts.Count == 0) parts.Add("no two groups large enough to compare");
        return string.Join("; ", parts);
    }

    static string Points(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + " points";
}
