using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class ClassificationMetricsJsonTests
{
    // Class "never" neither occurs nor is predicted: its recall, precision, F1 and AUC are undefined.
    static ClassificationMetrics WithUndefinedValues() => ClassificationMetrics.Compute(
        [0, 0, 1, 1, 1],
        [[0.9f, 0.1f, 0f], [0.3f, 0.7f, 0f], [0.2f, 0.8f, 0f], [0.6f, 0.4f, 0f], [0.1f, 0.9f, 0f]],
        ["Ulcer", "Tumor", "never"]);

    [Fact]
    public void Undefined_values_are_written_as_null_never_NaN()
    {
        using var dir = new TempDir();
        var path = dir["run/metrics.json"];
        WithUndefinedValues().Save(path);
        var json = File.ReadAllText(path);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        Assert.Contains("\"auc\": null", json);
        Assert.Contains("\"balancedAccuracy\"", json);
        Assert.Single(Directory.GetFiles(dir["run"]));
    }

    [Fact]
    public void Saved_metrics_load_back_unchanged()
    {
        using var dir = new TempDir();
        var original = WithUndefinedValues();
        original.Save(dir["metrics.json"]);
        var loaded = ClassificationMetrics.Load(dir["metrics.json"]);

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.Top1Accuracy, loaded.Top1Accuracy);
        Assert.Equal(original.TopK, loaded.TopK);
        Assert.Equal(original.TopKAccuracy, loaded.TopKAccuracy);
        Assert.Equal(original.BalancedAccuracy, loaded.BalancedAccuracy);
        Assert.Equal(original.MacroF1, loaded.MacroF1);
        Assert.Equal(original.MacroAuc, loaded.MacroAuc);
        Assert.Equal(original.ExpectedCalibrationError, loaded.ExpectedCalibrationError);
        Assert.Equal(original.LogLoss, loaded.LogLoss);
        Assert.Equal(original.PerClass, loaded.PerClass);
        Assert.Null(loaded.PerClass[2].Auc);
        Assert.Equal(original.ConfusionMatrix.Classes, loaded.ConfusionMatrix.Classes);
        Assert.Equal(original.ConfusionMatrix.Counts.Select(r => r.ToArray()), loaded.ConfusionMatrix.Counts.Select(r => r.ToArray()));
        Assert.Equal(original.ConfusedPairs, loaded.ConfusedPairs);
        Assert.Equal(original.ToJson(), loaded.ToJson());
    }

    [Fact]
    public void Intervals_are_saved_beside_the_metrics_and_a_file_written_before_them_still_loads()
    {
        using var dir = new TempDir();
        int[] truth = [0, 0, 1, 1, 1, 0, 1, 0];
        float[][] probabilities = [[0.9f, 0.1f], [0.3f, 0.7f], [0.2f, 0.8f], [0.6f, 0.4f], [0.1f, 0.9f], [0.8f, 0.2f], [0.3f, 0.7f], [0.7f, 0.3f]];
        var metrics = ClassificationMetrics.Compute(truth, probabilities, ["Ulcer", "Tumor"]) with
        {
            Intervals = GroupBootstrap.Compute(truth, probabilities, ["a", "a", "b", "c", "c", "d", "e", "f"], 2, resamples: 200) with { Unit = "lesions" },
        };
        metrics.Save(dir["metrics.json"]);
        var loaded = ClassificationMetrics.Load(dir["metrics.json"]);
        Assert.Equal(metrics.ToJson(), loaded.ToJson());
        Assert.Equal((6, "lesions"), (loaded.Intervals!.Groups, loaded.Intervals.Unit));
        Assert.Equal(metrics.BalancedAccuracy, loaded.Intervals.BalancedAccuracy.Value, 9);

        var older = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir["metrics.json"]))!.AsObject();
        older.Remove("intervals");
        File.WriteAllText(dir["older.json"], older.ToJsonString());
        Assert.Null(ClassificationMetrics.Load(dir["older.json"]).Intervals);
    }

    [Fact]
    public void Missing_or_corrupt_files_name_the_path()
    {
        using var dir = new TempDir();
        Assert.Contains("metrics.json", Assert.Throws<DermLensException>(() => ClassificationMetrics.Load(dir["metrics.json"])).Message);
        File.WriteAllText(dir["bad.json"], "{ \"count\": ");
        Assert.Contains("bad.json", Assert.Throws<DermLensException>(() => ClassificationMetrics.Load(dir["bad.json"])).Message);
    }
}
