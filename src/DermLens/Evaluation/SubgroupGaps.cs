namespace DermLens.Evaluation;

/// <summary>
/// The largest differences between groups, taken only over groups that can be compared: an "unknown" group mixes
/// whoever was not recorded, and a group with too few images or lesions would make any gap mostly noise.
/// </summary>
static class SubgroupGaps
{
    /// <summary>Highest minus lowest balanced accuracy over the comparable groups; null with fewer than two.</summary>
    public static SubgroupGap? BalancedAccuracy(IReadOnlyList<Subgroup> groups) =>
        Largest(groups.Where(Comparable).Select(g => (g.Name, g.BalancedAccuracy)));

    /// <summary>Each class's largest sensitivity gap among the comparable groups with enough of its positives to measure it.</summary>
    public static IReadOnlyList<ClassGap> EqualOpportunity(IReadOnlyList<Subgroup> groups, IReadOnlyList<string> classes) =>
        classes.Select((name, c) => Largest(groups.Where(Comparable)
                .Where(g => g.Sensitivity[c].Positives >= SubgroupMetrics.MinPositivesForGap)
                .Select(g => (g.Name, g.Sensitivity[c].Value!.Value))) is { } gap ? new ClassGap(name, gap) : null)
            .OfType<ClassGap>().ToArray();

    static bool Comparable(Subgroup group) => !group.TooFew && group.Name != SubgroupMetrics.Unknown;

    static SubgroupGap? Largest(IEnumerable<(string Group, double Value)> values)
    {
        // OrderBy is stable, so among equal values the table's order decides, and a tie still names two groups.
        var ranked = values.OrderByDescending(v => v.Value).ToArray();
        if (ranked.Length < 2) return null;
        var (highest, lowest) = (ranked[0], ranked[^1]);
        return new SubgroupGap(highest.Value - lowest.Value, highest.Group, highest.Value, lowest.Group, lowest.Value);
    }
}
