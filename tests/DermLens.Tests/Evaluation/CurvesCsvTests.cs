using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class CurvesCsvTests
{
    static IReadOnlyList<OneVsRestCurves> Curves(int[] truth, float[][] probabilities, string[] classes) =>
        [.. OneVsRestCurves.PerClass(truth, probabilities, classes),
         OneVsRestCurves.Malignant(truth, probabilities, classes, ScreeningPredictions.Malignant)];

    /// <summary>Each curve's rows as (threshold, x, y), in file order.</summary>
    static Dictionary<string, (double Threshold, double X, double Y)[]> Read(string path, string xColumn, string yColumn)
    {
        var table = CsvTable.Read(path);
        Assert.Equal(["curve", "threshold", xColumn, yColumn], table.Header);
        double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return table.Rows.GroupBy(row => row[0])
            .ToDictionary(g => g.Key, g => g.Select(row => (Number(row[1]), Number(row[2]), Number(row[3]))).ToArray());
    }

    [Fact]
    public void Roc_csv_holds_every_point_and_its_trapezoid_area_is_the_auc()
    {
        using var dir = new TempDir();
        var (truth, probabilities) = ScreeningPredictions.Make(300, seed: 8);
        var curves = Curves(truth, probabilities, ScreeningPredictions.Classes);
        CurvesCsv.SaveRoc(curves, dir["roc.csv"]);

        var read = Read(dir["roc.csv"], "fpr", "tpr");
        Assert.Equal([.. ScreeningPredictions.Classes, "malignant"], read.Keys);
        foreach (var curve in curves)
        {
            var rows = read[curve.Name];
            Assert.Equal(curve.Roc!.Points.Select(p => (p.Threshold, p.FalsePositiveRate, p.TruePositiveRate)), rows);
            var area = rows.Zip(rows.Skip(1), (a, b) => (b.X - a.X) * (a.Y + b.Y) / 2).Sum();
            Assert.Equal(curve.Roc.Auc, area, 12);
        }
        Assert.Equal(double.PositiveInfinity, read["mel"][0].Threshold);
        Assert.Contains("\nakiec,Infinity,0,0\n", File.ReadAllText(dir["roc.csv"]));
    }

    [Fact]
    public void Pr_csv_holds_every_point_and_its_step_sum_is_the_average_precision()
    {
        using var dir = new TempDir();
        var (truth, probabilities) = ScreeningPredictions.Make(300, seed: 9);
        var curves = Curves(truth, probabilities, ScreeningPredictions.Classes);
        CurvesCsv.SavePrecisionRecall(curves, dir["pr.csv"]);

        var read = Read(dir["pr.csv"], "recall", "precision");
        foreach (var curve in curves)
        {
            var rows = read[curve.Name];
            Assert.Equal(curve.PrecisionRecall!.Points.Select(p => (p.Threshold, p.Recall, p.Precision)), rows);
            Assert.Equal(curve.PrecisionRecall.AveragePrecision, rows.Zip(rows.Skip(1), (a, b) => (b.X - a.X) * b.Y).Sum(), 12);
        }
    }

    [Fact]
    public void Curves_a_set_cannot_define_are_left_out_and_odd_class_names_are_quoted()
    {
        using var dir = new TempDir();
        string[] classes = ["nevus, common", "mel"];
        var curves = OneVsRestCurves.PerClass([0, 0, 0], [[0.9f, 0.1f], [0.6f, 0.4f], [0.7f, 0.3f]], classes);
        Assert.Null(curves[0].Roc);
        Assert.Null(curves[1].PrecisionRecall);
        CurvesCsv.SaveRoc(curves, dir["roc.csv"]);
        CurvesCsv.SavePrecisionRecall(curves, dir["pr.csv"]);
        Assert.Equal(["curve,threshold,fpr,tpr"], File.ReadAllLines(dir["roc.csv"]));
        Assert.Equal(["nevus, common"], Read(dir["pr.csv"], "recall", "precision").Keys);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*"));
    }
}
