namespace DermLens.Evaluation;

/// <summary>One grouping's metrics group by group, with the largest gaps between the groups that can be compared.</summary>
/// <param name="Grouping">The grouping's name, e.g. "sex".</param>
/// <param name="Classes">The class names, in the order of each group's <see cref="Subgroup.Sensitivity"/>.</param>
/// <param name="OverallBalancedAccuracy">Balanced accuracy on all samples, every group together.</param>
/// <param name="Groups">The groups in display order: the grouping's order, else most images first; "unknown" last.</param>
/// <param name="BalancedAccuracyGap">Highest minus lowest balanced accuracy over the comparable groups; null with fewer than two.</param>
/// <param name="EqualOpportunity">Per class, the largest sensitivity difference (equal-opportunity difference) among the
/// comparable groups with enough positives of it; classes with fewer than two such groups are left out.</param>
/// <param name="Resamples">Bootstrap draws behind each interval.</param>
public sealed record SubgroupTable(
    string Grouping,
    IReadOnlyList<string> Classes,
    double OverallBalancedAccuracy,
    IReadOnlyList<Subgroup> Groups,
    SubgroupGap? BalancedAccuracyGap,
    IReadOnlyList<ClassGap> EqualOpportunity,
    int Resamples)
{
    /// <summary>The class whose sensitivity differs most between two groups; null where no class has two groups to compare.</summary>
    public ClassGap? LargestEqualOpportunity => EqualOpportunity.MaxBy(g => g.Gap.Difference);
}

/// <summary>One group's metrics; its balanced accuracy averages only the classes present in the group, so a group lacking a class is scored on fewer classes than the whole set.</summary>
/// <param name="Name">The group value, e.g. "female".</param>
/// <param name="Lesions">Distinct lesions among the group's images: the bootstrap resamples these.</param>
/// <param name="BalancedAccuracyInterval">The 95 % interval from resampling the group's lesions; null where the bootstrap
/// cannot be done (a single lesion, or a rare class that most draws lose).</param>
/// <param name="Sensitivity">One entry per class, in class order.</param>
/// <param name="TooFewReason">Why the group is too small to be read or compared; null when it is large enough.</param>
public sealed record Subgroup(
    string Name,
    int Images,
    int Lesions,
    double BalancedAccuracy,
    MetricInterval? BalancedAccuracyInterval,
    double Accuracy,
    IReadOnlyList<ClassSensitivity> Sensitivity,
    string? TooFewReason)
{
    /// <summary>Whether the group has too few images or lesions to say anything; such groups never enter a gap.</summary>
    public bool TooFew => TooFewReason != null;
}

/// <summary>A class's sensitivity (recall) within one group: null without positives; its interval null where the group's bootstrap failed.</summary>
/// <param name="Positives">Images of the class in the group (its support).</param>
public sealed record ClassSensitivity(string Class, int Positives, double? Value, MetricInterval? Interval);

/// <summary>The difference between the highest- and the lowest-scoring groups, naming both.</summary>
public sealed record SubgroupGap(double Difference, string Highest, double HighestValue, string Lowest, double LowestValue);

/// <summary>A class's equal-opportunity difference: the largest gap in its sensitivity between two groups.</summary>
public sealed record ClassGap(string Class, SubgroupGap Gap);
