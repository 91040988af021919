using System.Globalization;
using DermLens.Data;

namespace DermLens.Evaluation;

/// <summary>subgroups.csv: one row per group of every grouping, for spreadsheets and for comparing runs.</summary>
public static class SubgroupsCsv
{
    /// <summary>Writes grouping, group, images, lesions, balanced_accuracy, low, high, too_few, then sensitivity_&lt;class&gt; columns; undefined values are empty.</summary>
    public static void Save(IReadOnlyList<SubgroupTable> tables, string path)
    {
        if (tables.Count == 0) throw new DermLensException($"{path}: no groupings to write.");
        var classes = tables[0].Classes;
        if (tables.FirstOrDefault(t => !t.Classes.SequenceEqual(classes)) is { } other)
            throw new DermLensException($"{path}: grouping '{other.Grouping}' has other classes than '{tables[0].Grouping}'; one file holds one model's classes.");
        var header = new[] { "grouping", "group", "images", "lesions", "balanced_accuracy", "low", "high", "too_few" }
            .Concat(classes.Select(c => "sensitivity_" + c));
        var lines = new List<string> { string.Join(',', header.Select(CsvTable.Quote)) };
        foreach (var table in tables)
            foreach (var group in table.Groups)
                lines.Add(string.Join(',', new[]
                {
                    CsvTable.Quote(table.Grouping), CsvTable.Quote(group.Name), Integer(group.Images), Integer(group.Lesions),
                    Number(group.BalancedAccuracy), Number(group.BalancedAccuracyInterval?.Low), Number(group.BalancedAccuracyInterval?.High),
                    group.TooFew ? "true" : "false",
                }.Concat(group.Sensitivity.Select(s => Number(s.Value)))));
        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}
