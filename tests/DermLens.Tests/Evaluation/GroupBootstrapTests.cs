using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class GroupBootstrapTests
{
    /// <summary>Two classes; the first `wrong` samples of each class are mispredicted, probabilities favour the prediction.</summary>
    static (int[] Truth, float[][] Probabilities) Predictions(int perClass, int wrong)
    {
        var truth = new List<int>();
        var probabilities = new List<float[]>();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < perClass; i++)
            {
                truth.Add(c);
                int predicted = i < wrong ? 1 - c : c;
                probabilities.Add(predicted == 0 ? [0.7f, 0.3f] : [0.3f, 0.7f]);
            }
        return (truth.ToArray(), probabilities.ToArray());
    }

    [Fact]
    public void Point_values_are_the_full_sets_metrics_and_lie_inside_their_intervals()
    {
        var (truth, probabilities) = Predictions(50, 10);
        var groups = Enumerable.Range(0, truth.Length).Select(i => $"g{i}").ToArray();
        var result = GroupBootstrap.Compute(truth, probabilities, groups, 2, resamples: 500);
        Assert.Equal(0.8, result.BalancedAccuracy.Value, 9);
        Assert.Equal(0.8, result.Accuracy.Value, 9);
        Assert.Equal(0.8, result.Recall[0]!.Value, 9);
        foreach (var m in new[] { result.BalancedAccuracy, result.Accuracy, result.MacroAuc, result.Recall[1]! })
        {
            Assert.InRange(m.Value, m.Low, m.High);
            Assert.True(m.High > m.Low, "a bootstrap of 100 samples with errors has some spread");
        }
        Assert.Equal(100, result.Groups);
    }

    [Fact]
    public void Resamples_whole_groups_so_correlated_images_widen_the_interval()
    {
        // The same predictions, once as 100 independent images and once as 20 lesions of 5 identical images.
        var (truth, probabilities) = Predictions(50, 10);
        var single = Enumerable.Range(0, truth.Length).Select(i => $"g{i}").ToArray();
        var lesions = Enumerable.Range(0, truth.Length).Select(i => $"g{i / 5}").ToArray();
        var byImage = GroupBootstrap.Compute(truth, probabilities, single, 2, resamples: 1000).BalancedAccuracy;
        var byLesion = GroupBootstrap.Compute(truth, probabilities, lesions, 2, resamples: 1000).BalancedAccuracy;
        Assert.True(byLesion.High - byLesion.Low > 1.5 * (byImage.High - byImage.Low), $"{byLesion} vs {byImage}");
    }

    [Fact]
    public void Is_reproducible_for_a_seed()
    {
        var (truth, probabilities) = Predictions(20, 5);
        var groups = Enumerable.Range(0, truth.Length).Select(i => $"g{i / 2}").ToArray();
        var a = GroupBootstrap.Compute(truth, probabilities, groups, 2, 300, seed: 3);
        var b = GroupBootstrap.Compute(truth, probabilities, groups, 2, 300, seed: 3);
        Assert.Equal(a.BalancedAccuracy, b.BalancedAccuracy);
        Assert.Equal(a.Recall, b.Recall);
        Assert.NotEqual(a.BalancedAccuracy, GroupBootstrap.Compute(truth, probabilities, groups, 2, 300, seed: 4).BalancedAccuracy);
    }

    [Fact]
    public void A_class_absent_from_the_truth_has_no_recall()
    {
        int[] truth = [0, 0, 1, 1, 0, 1];
        float[][] probabilities = [[0.8f, 0.1f, 0.1f], [0.2f, 0.7f, 0.1f], [0.1f, 0.8f, 0.1f], [0.1f, 0.8f, 0.1f], [0.9f, 0.05f, 0.05f], [0.1f, 0.1f, 0.8f]];
        var result = GroupBootstrap.Compute(truth, probabilities, ["a", "b", "c", "d", "e", "f"], 3, resamples: 200);
        Assert.Null(result.Recall[2]);
        Assert.Equal((2 / 3.0 + 2 / 3.0) / 2, result.BalancedAccuracy.Value, 9);
    }
}
