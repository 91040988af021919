using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class PairedBootstrapTests
{
    /// <summary>Two classes of 50 images, lesions of two images; model A misses the first `missesA` of each class, B the first `missesB`.</summary>
    static (int[] Truth, float[][] A, float[][] B, string[] Lesions) TwoModels(int missesA, int missesB)
    {
        var truth = Enumerable.Range(0, 100).Select(i => i / 50).ToArray();
        float[][] Model(int misses) => truth.Select((t, i) => (i % 50 < misses ? 1 - t : t) == 0 ? new[] { 0.8f, 0.2f } : new[] { 0.2f, 0.8f }).ToArray();
        return (truth, Model(missesA), Model(missesB), truth.Select((_, i) => $"l{i / 2}").ToArray());
    }

    [Fact]
    public void The_same_predictions_differ_by_exactly_zero()
    {
        var (truth, a, _, lesions) = TwoModels(10, 10);
        foreach (var m in PairedBootstrap.Compare(truth, a, a, lesions, 2, resamples: 300))
        {
            Assert.Equal(new MetricInterval(0, 0, 0), m.Difference);
            Assert.Equal(1, m.ShareNotBetter);
        }
    }

    [Fact]
    public void A_model_that_fixes_errors_and_breaks_none_is_measurably_better_though_its_own_interval_overlaps_the_others()
    {
        // B gets 8 more images of each class right and none wrong: every resample sees B ahead, so the paired interval
        // lies above 0, while the two separate intervals overlap (comparing them would call it a tie).
        var (truth, a, b, lesions) = TwoModels(14, 6);
        var balanced = PairedBootstrap.Compare(truth, a, b, lesions, 2, resamples: 500).Single(m => m.Metric == "balanced accuracy");
        Assert.Equal(0.72, balanced.A, 9);
        Assert.Equal(0.88, balanced.B, 9);
        Assert.Equal(0.16, balanced.Difference.Value, 9);
        Assert.True(balanced.Difference.Low > 0, $"{balanced.Difference}");
        Assert.True(balanced.ShareNotBetter < 0.01, $"{balanced.ShareNotBetter}");

        var separateA = GroupBootstrap.Compute(truth, a, lesions, 2, resamples: 500).BalancedAccuracy;
        var separateB = GroupBootstrap.Compute(truth, b, lesions, 2, resamples: 500).BalancedAccuracy;
        Assert.True(separateA.High > separateB.Low, $"A {separateA}, B {separateB}");
    }

    [Fact]
    public void Macro_auc_is_left_out_when_the_samples_have_one_class()
    {
        int[] truth = [0, 0, 0, 0];
        float[][] a = [[0.9f, 0.1f], [0.6f, 0.4f], [0.4f, 0.6f], [0.8f, 0.2f]];
        var metrics = PairedBootstrap.Compare(truth, a, a, ["w", "x", "y", "z"], 2, resamples: 100);
        Assert.Equal(["balanced accuracy", "accuracy"], metrics.Select(m => m.Metric));
    }
}
