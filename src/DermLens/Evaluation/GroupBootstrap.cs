namespace DermLens.Evaluation;

/// <summary>A metric's value on the whole set and its 95 % percentile bootstrap interval.</summary>
public sealed record MetricInterval(double Value, double Low, double High);

/// <summary>Balanced accuracy, accuracy, macro AUC and each class's recall, with intervals from one bootstrap.</summary>
public sealed record BootstrapIntervals(
    MetricInterval BalancedAccuracy, MetricInterval Accuracy, MetricInterval MacroAuc, IReadOnlyList<MetricInterval?> Recall,
    int Groups, int Resamples);

/// <summary>
/// Percentile bootstrap that resamples groups (HAM10000 lesions), not images: images of one lesion are not independent,
/// so resampling them one by one would give intervals too narrow. A resample that loses a class the set has is drawn
/// again, so every draw's balanced accuracy averages the same classes.
/// </summary>
public static class GroupBootstrap
{
    /// <summary>Intervals for predictions (argmax of each probability row) against truth; groups[i] is sample i's group.</summary>
    public static BootstrapIntervals Compute(int[] truth, float[][] probabilities, IReadOnlyList<string> groups, int classCount,
        int resamples = 2000, int seed = 0)
    {
        if (truth.Length != probabilities.Length || truth.Length != groups.Count || truth.Length == 0)
            throw new ArgumentException($"{truth.Length} labels, {probabilities.Length} probability rows and {groups.Count} groups: they must match and not be empty.");
        var predicted = probabilities.Select(Predictions.ArgMax).ToArray();
        var byGroup = Enumerable.Range(0, truth.Length).GroupBy(i => groups[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        var present = truth.Distinct().OrderBy(c => c).ToArray();
        var full = Metrics(Enumerable.Range(0, truth.Length).ToArray(), truth, predicted, probabilities, classCount, present);

        var rng = new Random(seed);
        var draws = new List<double[]>(resamples);
        int attempts = 0;
        while (draws.Count < resamples)
        {
            if (++attempts > resamples * 100)
                throw new DermLensException($"The bootstrap kept losing a rare class: {byGroup.Length} groups are too few for intervals.");
            var sample = new List<int>(truth.Length);
            for (int g = 0; g < byGroup.Length; g++) sample.AddRange(byGroup[rng.Next(byGroup.Length)]);
            var indices = sample.ToArray();
            if (present.Any(c => !indices.Any(i => truth[i] == c))) continue;
            draws.Add(Metrics(indices, truth, predicted, probabilities, classCount, present));
        }
        MetricInterval At(int k) => Interval(full[k], draws.Select(d => d[k]));
        var recall = Enumerable.Range(0, classCount)
            .Select(c => Array.IndexOf(present, c) is var p and >= 0 ? At(3 + p) : null).ToArray();
        return new BootstrapIntervals(At(0), At(1), At(2), recall, byGroup.Length, resamples);
    }

    /// <summary>[balanced accuracy, accuracy, macro AUC, recall of each present class] over the given samples.</summary>
    static double[] Metrics(int[] indices, int[] truth, int[] predicted, float[][] probabilities, int classCount, int[] present)
    {
        var hits = new int[classCount];
        var counts = new int[classCount];
        foreach (var i in indices)
        {
            counts[truth[i]]++;
            if (predicted[i] == truth[i]) hits[truth[i]]++;
        }
        var recalls = present.Select(c => (double)hits[c] / counts[c]).ToArray();
        var aucs = Enumerable.Range(0, classCount)
            .Select(c => RankAuc.Compute(indices.Select(i => (double)probabilities[i][c]).ToArray(), indices.Select(i => truth[i] == c).ToArray()))
            .Where(a => a.HasValue).Select(a => a!.Value).ToArray();
        return [recalls.Average(), (double)hits.Sum() / indices.Length, aucs.Length == 0 ? double.NaN : aucs.Average(), .. recalls];
    }

    static MetricInterval Interval(double value, IEnumerable<double> draws)
    {
        var sorted = draws.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return new MetricInterval(value, double.NaN, double.NaN);
        return new MetricInterval(value, sorted[(int)(0.025 * sorted.Length)], sorted[Math.Max(0, (int)Math.Ceiling(0.975 * sorted.Length) - 1)]);
    }
}
