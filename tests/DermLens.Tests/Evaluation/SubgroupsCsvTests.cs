using DermLens.Data;
using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class SubgroupsCsvTests
{
    [Fact]
    public void Writes_a_row_per_group_of_every_grouping_with_a_sensitivity_column_per_class()
    {
        var cases = SubgroupCases.PerfectAndHalfWrong().Add("one, lesion", 0, 1, 40);
        var ages = cases.Groups.Select((_, i) => i % 2 == 0 ? "young" : "old").ToArray();
        var tables = SubgroupMetrics.ComputeAll(cases.Truth, cases.Probabilities, cases.Lesions, cases.Classes,
            [new Grouping("sex", cases.Groups), new Grouping("age", ages)], resamples: 200);
        using var dir = new TempDir();
        SubgroupsCsv.Save(tables, dir["subgroups.csv"]);

        var csv = CsvTable.Read(dir["subgroups.csv"]);
        Assert.Equal(["grouping", "group", "images", "lesions", "balanced_accuracy", "low", "high", "too_few", "sensitivity_nevus", "sensitivity_melanoma"],
            csv.Header);
        Assert.Equal(["sex/B", "sex/A", "sex/one, lesion", "age/old", "age/young"], csv.Rows.Select(r => $"{r[0]}/{r[1]}"));
        var b = csv.Rows[0];
        Assert.Equal(["100", "50", "0.75", "false", "1", "0.5"], new[] { b[2], b[3], b[4], b[7], b[8], b[9] });
        Assert.True(double.Parse(b[5], System.Globalization.CultureInfo.InvariantCulture) < 0.75);
        var single = csv.Rows[2];
        Assert.Equal(["40", "1", "1", "", "", "true", "1", ""], single[2..]);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*"));
    }

    [Fact]
    public void Tables_of_different_classes_are_an_error()
    {
        var first = SubgroupCases.PerfectAndHalfWrong().Compute();
        var other = first with { Grouping = "age", Classes = ["nevus", "bcc"] };
        using var dir = new TempDir();
        var error = Assert.Throws<DermLensException>(() => SubgroupsCsv.Save([first, other], dir["subgroups.csv"]));
        Assert.Contains("'age'", error.Message);
        Assert.False(File.Exists(dir["subgroups.csv"]));
    }
}
