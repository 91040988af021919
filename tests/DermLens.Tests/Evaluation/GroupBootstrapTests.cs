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
        foreach (var m in new[] { result.BalancedAccuracy, result.Accuracy, result.MacroAuc!, result.Recall[1]! })
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
    public void Intervals_cover_the_true_balanced_accuracy_at_about_the_nominal_rate()
    {
        // 300 test sets drawn from one model whose recall is 0.8 on each of two classes (so balanced accuracy is 0.8):
        // a 95 % interval should hold 0.8 in about 95 % of them (a binomial 95 % range for 300 sets is 0.92-0.97).
        var rng = new Random(11);
        int covered = 0, sets = 300;
        for (int s = 0; s < sets; s++)
        {
            var truth = Enumerable.Range(0, 120).Select(i => i % 2).ToArray();
            var probabilities = truth.Select(t => rng.NextDouble() < 0.8 == (t == 0) ? new[] { 0.7f, 0.3f } : new[] { 0.3f, 0.7f }).ToArray();
            var groups = Enumerable.Range(0, truth.Length).Select(i => $"g{i}").ToArray();
            var interval = GroupBootstrap.Compute(truth, probabilities, groups, 2, resamples: 400, seed: s).BalancedAccuracy;
            if (interval.Low <= 0.8 && 0.8 <= interval.High) covered++;
        }
        Assert.InRange((double)covered / sets, 0.89, 0.99);
    }

    [Fact]
    public void A_draw_holds_each_lesion_whole_and_every_class_of_the_set()
    {
        int[] truth = [0, 0, 0, 1, 1, 2, 2, 2, 2];
        string[] lesions = ["a", "a", "a", "b", "b", "c", "c", "d", "d"];
        foreach (var draw in GroupBootstrap.Resamples(truth, lesions, 200, seed: 1))
        {
            Assert.Equal(4, draw.GroupBy(i => lesions[i]).Sum(g => g.Count() / lesions.Count(l => l == g.Key)));
            foreach (var lesion in draw.GroupBy(i => lesions[i]))
            {
                // Each copy of a lesion brings all its images: every member occurs equally often.
                var members = lesion.GroupBy(i => i).Select(m => m.Count()).Distinct().ToArray();
                Assert.Single(members);
                Assert.Equal(lesions.Count(l => l == lesion.Key), lesion.Select(i => i).Distinct().Count());
            }
            Assert.Equal(3, draw.Select(i => truth[i]).Distinct().Count());
        }
    }

    [Fact]
    public void Sensitivity_specificity_and_auc_of_each_class_get_intervals_around_the_evaluated_values()
    {
        var (truth, probabilities) = Predictions(40, 8);
        var groups = Enumerable.Range(0, truth.Length).Select(i => $"g{i / 2}").ToArray();
        var result = GroupBootstrap.Compute(truth, probabilities, groups, 2, resamples: 300);
        var metrics = ClassificationMetrics.Compute(truth, probabilities, ["a", "b"]);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(metrics.PerClass[c].Recall!.Value, result.Recall[c]!.Value, 9);
            Assert.Equal(metrics.PerClass[c].Specificity!.Value, result.Specificity[c]!.Value, 9);
            Assert.Equal(metrics.PerClass[c].Auc!.Value, result.Auc[c]!.Value, 9);
            foreach (var m in new[] { result.Recall[c]!, result.Specificity[c]!, result.Auc[c]! }) Assert.InRange(m.Value, m.Low, m.High);
        }
        Assert.Equal(40, result.Groups);
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
