namespace DermLens.Evaluation;

/// <summary>
/// Metrics broken down by a grouping (sex, age band, skin tone): per group the balanced accuracy, accuracy and each
/// class's sensitivity with 95 % intervals from resampling the group's lesions, and the largest gaps between groups.
/// </summary>
public static class SubgroupMetrics
{
    /// <summary>Fewest images a group needs before its metrics are read or compared.</summary>
    public const int MinImages = 30;

    /// <summary>Fewest lesions a group needs: images of one lesion are not independent, so many images of few lesions say little.</summary>
    public const int MinLesions = 10;

    /// <summary>Fewest positives of a class in a group for that group's sensitivity to enter the class's equal-opportunity gap.</summary>
    public const int MinPositivesForGap = 5;

    /// <summary>The group value of samples whose attribute is not recorded: shown, listed last, never compared.</summary>
    public const string Unknown = "unknown";

    /// <summary>The table for one grouping; lesions[i] is sample i's lesion (or its own id where lesions are not known).</summary>
    public static SubgroupTable Compute(int[] truth, float[][] probabilities, IReadOnlyList<string> lesions,
        IReadOnlyList<string> classes, Grouping grouping, int resamples = GroupBootstrap.DefaultResamples, int seed = 0)
    {
        Validate(truth, probabilities, lesions, classes, grouping);
        var overall = new SampleScores(truth, probabilities, classes.Count).Of(Enumerable.Range(0, truth.Length).ToArray())[0];
        var groups = DisplayOrder(grouping).Select(value => Measure(truth, probabilities, lesions, classes,
            Enumerable.Range(0, truth.Length).Where(i => grouping.Values[i] == value).ToArray(), value, resamples, seed)).ToArray();
        return new SubgroupTable(grouping.Name, classes, overall, groups, SubgroupGaps.BalancedAccuracy(groups),
            SubgroupGaps.EqualOpportunity(groups, classes), resamples);
    }

    /// <summary>One table per grouping, in the groupings' order, all from the same predictions.</summary>
    public static IReadOnlyList<SubgroupTable> ComputeAll(int[] truth, float[][] probabilities, IReadOnlyList<string> lesions,
        IReadOnlyList<string> classes, IEnumerable<Grouping> groupings, int resamples = GroupBootstrap.DefaultResamples, int seed = 0) =>
        groupings.Select(g => Compute(truth, probabilities, lesions, classes, g, resamples, seed)).ToArray();

    static Subgroup Measure(int[] truth, float[][] probabilities, IReadOnlyList<string> lesions, IReadOnlyList<string> classes,
        int[] members, string name, int resamples, int seed)
    {
        var groupTruth = members.Select(i => truth[i]).ToArray();
        var groupProbabilities = members.Select(i => probabilities[i]).ToArray();
        var groupLesions = members.Select(i => lesions[i]).ToArray();
        var lesionCount = groupLesions.Distinct(StringComparer.Ordinal).Count();
        var scores = new SampleScores(groupTruth, groupProbabilities, classes.Count);
        var point = scores.Of(Enumerable.Range(0, members.Length).ToArray());
        var intervals = Intervals(groupTruth, groupProbabilities, groupLesions, lesionCount, classes.Count, resamples, seed);
        var sensitivity = classes.Select((className, c) => new ClassSensitivity(className, groupTruth.Count(t => t == c),
            scores.RecallIndex(c) is var k and >= 0 ? point[k] : null, intervals?.Recall[c])).ToArray();
        return new Subgroup(name, members.Length, lesionCount, point[0], intervals?.BalancedAccuracy, point[1], sensitivity,
            TooFewReason(members.Length, lesionCount));
    }

    static BootstrapIntervals? Intervals(int[] truth, float[][] probabilities, string[] lesions, int lesionCount, int classCount,
        int resamples, int seed)
    {
        // One lesion redrawn is the same set every time: a zero-width interval that would claim certainty.
        if (lesionCount < 2) return null;
        try
        {
            return GroupBootstrap.Compute(truth, probabilities, lesions, classCount, resamples, seed);
        }
        catch (DermLensException)
        {
            // A class held by few of the group's lesions is lost by nearly every draw: the group cannot give intervals.
            return null;
        }
    }

    static string? TooFewReason(int images, int lesions)
    {
        var shortfalls = new List<string>();
        if (images < MinImages) shortfalls.Add($"{images} of the {MinImages} images needed");
        if (lesions < MinLesions) shortfalls.Add($"{lesions} of the {MinLesions} lesions needed");
        return shortfalls.Count == 0 ? null : string.Join(", ", shortfalls);
    }

    /// <summary>The given order (values it lacks are an error, but for "unknown"), else most images first; "unknown" last unless the order places it.</summary>
    static IReadOnlyList<string> DisplayOrder(Grouping grouping)
    {
        var counts = grouping.Values.CountBy(v => v, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        List<string> ordered;
        if (grouping.Order is { } order)
        {
            var unlisted = counts.Keys.Where(v => v != Unknown && !order.Contains(v, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            if (unlisted.Length > 0)
                throw new DermLensException($"Grouping '{grouping.Name}' has values its order lacks: {string.Join(", ", unlisted)} " +
                                            $"(order: {string.Join(", ", order)}).");
            ordered = order.Where(counts.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        }
        else
            ordered = counts.Keys.Where(v => v != Unknown).OrderByDescending(v => counts[v]).ThenBy(v => v, StringComparer.Ordinal).ToList();
        if (counts.ContainsKey(Unknown) && !ordered.Contains(Unknown)) ordered.Add(Unknown);
        return ordered;
    }

    static void Validate(int[] truth, float[][] probabilities, IReadOnlyList<string> lesions, IReadOnlyList<string> classes, Grouping grouping)
    {
        if (truth.Length == 0) throw new DermLensException($"Grouping '{grouping.Name}': no samples to break down.");
        if (probabilities.Length != truth.Length || lesions.Count != truth.Length || grouping.Values.Count != truth.Length)
            throw new DermLensException($"Grouping '{grouping.Name}': {truth.Length} labels, {probabilities.Length} probability rows, " +
                                        $"{lesions.Count} lesions and {grouping.Values.Count} group values; they must match.");
        if (probabilities.FirstOrDefault(row => row.Length != classes.Count) is { } row)
            throw new DermLensException($"A probability row has {row.Length} classes but there are {classes.Count} classes (model and dataset disagree).");
        foreach (var label in truth)
            if (label < 0 || label >= classes.Count)
                throw new DermLensException($"Label {label} is not one of the {classes.Count} classes.");
    }
}
