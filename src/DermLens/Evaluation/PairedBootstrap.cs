namespace DermLens.Evaluation;

/// <summary>One metric of two models on the same samples, and the interval of their difference (B − A).</summary>
/// <param name="ShareNotBetter">Share of the draws in which B does not beat A (a one-sided bootstrap p-value for "B is better").</param>
public sealed record MetricDifference(string Metric, double A, double B, MetricInterval Difference, double ShareNotBetter);

/// <summary>
/// Paired group bootstrap of the difference between two models scored on the same samples: every draw resamples the
/// groups (lesions) once and scores both models on it, so what the two share (the hard images, the rare lesions) cancels
/// and the interval is that of the difference, far narrower than two separate intervals would suggest.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>Balanced accuracy, accuracy and macro AUC of A and B, with the interval of B − A; a metric the samples
    /// cannot define (macro AUC of one class) is left out.</summary>
    public static IReadOnlyList<MetricDifference> Compare(int[] truth, float[][] a, float[][] b, IReadOnlyList<string> groups, int classCount,
        int resamples = GroupBootstrap.DefaultResamples, int seed = 0)
    {
        if (a.Length != truth.Length || b.Length != truth.Length)
            throw new ArgumentException($"{truth.Length} labels but {a.Length} and {b.Length} probability rows.");
        var scoresA = new SampleScores(truth, a, classCount);
        var scoresB = new SampleScores(truth, b, classCount);
        var all = Enumerable.Range(0, truth.Length).ToArray();
        var (fullA, fullB) = (scoresA.Of(all), scoresB.Of(all));
        var differences = GroupBootstrap.Resamples(truth, groups, resamples, seed)
            .Select(draw => (A: scoresA.Of(draw), B: scoresB.Of(draw)))
            .Select(d => d.B.Zip(d.A, (x, y) => x - y).ToArray()).ToArray();
        var compared = new List<MetricDifference>();
        foreach (var (metric, k) in new[] { ("balanced accuracy", 0), ("accuracy", 1), ("macro AUC", 2) })
        {
            var finite = differences.Select(d => d[k]).Where(double.IsFinite).ToArray();
            if (!double.IsFinite(fullA[k]) || !double.IsFinite(fullB[k]) || finite.Length == 0) continue;
            compared.Add(new MetricDifference(metric, fullA[k], fullB[k], GroupBootstrap.Interval(fullB[k] - fullA[k], finite),
                (double)finite.Count(d => d <= 0) / finite.Length));
        }
        return compared;
    }
}
