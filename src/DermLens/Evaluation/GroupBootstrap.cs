namespace DermLens.Evaluation;

/// <summary>A metric's value on the whole set and its 95 % percentile bootstrap interval.</summary>
public sealed record MetricInterval(double Value, double Low, double High);

/// <summary>The headline metrics and each class's sensitivity, specificity and AUC, with intervals from one bootstrap;
/// an entry is null where the set cannot define it (a class it lacks; AUC on a set of one class).</summary>
/// <param name="Groups">How many units were resampled: lesions where the data knows them, else images.</param>
public sealed record BootstrapIntervals(
    MetricInterval BalancedAccuracy, MetricInterval Accuracy, MetricInterval? MacroAuc, IReadOnlyList<MetricInterval?> Recall,
    int Groups, int Resamples)
{
    public IReadOnlyList<MetricInterval?> Specificity { get; init; } = [];
    public IReadOnlyList<MetricInterval?> Auc { get; init; } = [];
    /// <summary>What a resampled unit is: "lesions" or "images".</summary>
    public string Unit { get; init; } = "groups";
}

/// <summary>
/// Percentile bootstrap that resamples groups (HAM10000 lesions), not images: images of one lesion are not independent,
/// so resampling them one by one would give intervals too narrow. A resample that loses a class the set has is drawn
/// again, so every draw's balanced accuracy averages the same classes.
/// </summary>
public static class GroupBootstrap
{
    public const int DefaultResamples = 2000;

    /// <summary>Intervals for predictions (argmax of each probability row) against truth; groups[i] is sample i's group.</summary>
    public static BootstrapIntervals Compute(int[] truth, float[][] probabilities, IReadOnlyList<string> groups, int classCount,
        int resamples = DefaultResamples, int seed = 0)
    {
        if (truth.Length != probabilities.Length)
            throw new ArgumentException($"{truth.Length} labels but {probabilities.Length} probability rows.");
        var scores = new SampleScores(truth, probabilities, classCount);
        var full = scores.Of(Enumerable.Range(0, truth.Length).ToArray());
        var draws = Resamples(truth, groups, resamples, seed).Select(scores.Of).ToArray();
        MetricInterval? At(int k) => k < 0 || !double.IsFinite(full[k]) ? null
            : Interval(full[k], draws.Select(d => d[k])) is var interval && double.IsFinite(interval.Low) ? interval : null;
        IReadOnlyList<MetricInterval?> PerClass(Func<int, int> index) => Enumerable.Range(0, classCount).Select(c => At(index(c))).ToArray();
        return new BootstrapIntervals(At(0)!, At(1)!, At(2)!, PerClass(scores.RecallIndex), GroupCount(groups), resamples)
        {
            Specificity = PerClass(scores.SpecificityIndex),
            Auc = PerClass(scores.AucIndex),
        };
    }

    /// <summary>
    /// The bootstrap's draws as sample indices: as many groups as the set has, drawn with replacement, each with all its
    /// samples; a draw that loses a class of the set is drawn again. Seeded, so the same inputs give the same draws.
    /// </summary>
    public static IEnumerable<int[]> Resamples(int[] truth, IReadOnlyList<string> groups, int resamples, int seed)
    {
        if (truth.Length != groups.Count || truth.Length == 0)
            throw new ArgumentException($"{truth.Length} labels and {groups.Count} groups: they must match and not be empty.");
        var byGroup = Enumerable.Range(0, truth.Length).GroupBy(i => groups[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        var present = truth.Distinct().ToArray();
        var rng = new Random(seed);
        int drawn = 0, attempts = 0;
        while (drawn < resamples)
        {
            if (++attempts > resamples * 100)
                throw new DermLensException($"The bootstrap kept losing a rare class: {byGroup.Length} groups are too few for intervals.");
            var sample = new List<int>(truth.Length);
            for (int g = 0; g < byGroup.Length; g++) sample.AddRange(byGroup[rng.Next(byGroup.Length)]);
            var indices = sample.ToArray();
            var classes = indices.Select(i => truth[i]).ToHashSet();
            if (!present.All(classes.Contains)) continue;
            drawn++;
            yield return indices;
        }
    }

    static int GroupCount(IReadOnlyList<string> groups) => groups.Distinct(StringComparer.Ordinal).Count();

    /// <summary>The 2.5th and 97.5th percentiles of the finite draws around the full set's value.</summary>
    public static MetricInterval Interval(double value, IEnumerable<double> draws)
    {
        var sorted = draws.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return new MetricInterval(value, double.NaN, double.NaN);
        return new MetricInterval(value, sorted[(int)(0.025 * sorted.Length)], sorted[Math.Max(0, (int)Math.Ceiling(0.975 * sorted.Length) - 1)]);
    }
}
