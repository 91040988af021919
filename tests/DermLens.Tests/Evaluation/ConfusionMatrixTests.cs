using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class ConfusionMatrixTests
{
    static readonly string[] Classes = ["A", "B", "C"];

    // Rows true, columns predicted: A [3 1 0], B [0 2 1], C [1 0 2].
    static ConfusionMatrix Sample() => ConfusionMatrix.From(
        [0, 0, 0, 0, 1, 1, 1, 2, 2, 2],
        [0, 0, 0, 1, 1, 1, 2, 2, 2, 0],
        Classes);

    [Fact]
    public void Counts_rows_are_truth_and_columns_are_prediction()
    {
        var m = Sample();
        Assert.Equal([3, 1, 0], m.Counts[0]);
        Assert.Equal([0, 2, 1], m.Counts[1]);
        Assert.Equal([1, 0, 2], m.Counts[2]);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(0, m[1, 0]);
        Assert.Equal(10, m.Total);
        Assert.Equal(7, m.Correct);
        Assert.Equal(4, m.RowTotal(0));
        Assert.Equal(4, m.ColumnTotal(0));
        Assert.Equal(3, m.ColumnTotal(1));
    }

    [Fact]
    public void Row_normalised_divides_by_support_and_leaves_empty_rows_zero()
    {
        var m = ConfusionMatrix.From([0, 0, 0, 0, 1], [0, 0, 0, 1, 1], Classes);
        var n = m.RowNormalised();
        Assert.Equal(0.75, n[0, 0], 12);
        Assert.Equal(0.25, n[0, 1], 12);
        Assert.Equal(1.0, n[1, 1], 12);
        Assert.Equal(0.0, n[2, 2]);
    }

    [Fact]
    public void Csv_has_header_and_one_row_per_true_class()
    {
        using var dir = new TempDir();
        var path = dir["sub/confusion.csv"];
        Sample().SaveCsv(path);
        Assert.Equal(
            ["true\\predicted,A,B,C", "A,3,1,0", "B,0,2,1", "C,1,0,2"],
            File.ReadAllLines(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Csv_quotes_class_names_that_contain_commas()
    {
        using var dir = new TempDir();
        var m = ConfusionMatrix.From([0, 1], [0, 1], ["Macula, pigmented", "Tumor"]);
        m.SaveCsv(dir["c.csv"]);
        Assert.Equal("true\\predicted,\"Macula, pigmented\",Tumor", File.ReadAllLines(dir["c.csv"])[0]);
    }

    [Fact]
    public void Labels_outside_the_classes_are_rejected_with_the_sample_index()
    {
        var e = Assert.Throws<DermLensException>(() => ConfusionMatrix.From([0, 3], [0, 1], Classes));
        Assert.Contains("Sample 1", e.Message);
        Assert.Contains("3", e.Message);
        Assert.Throws<DermLensException>(() => ConfusionMatrix.From([0, 1], [0], Classes));
    }

    [Fact]
    public void Non_square_counts_are_rejected()
    {
        Assert.Throws<DermLensException>(() => new ConfusionMatrix(["A", "B"], [[1, 0], [0]]));
    }
}
