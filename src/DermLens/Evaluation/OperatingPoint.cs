namespace DermLens.Evaluation;

/// <summary>A threshold for the rule "refer when score ≥ <paramref name="Threshold"/>" and what the rule achieves with it.</summary>
/// <param name="Threshold">The lowest score referred; +∞ refers nobody.</param>
/// <param name="Sensitivity">Share of positives referred.</param>
/// <param name="Specificity">Share of negatives not referred.</param>
public sealed record OperatingPoint(double Threshold, double Sensitivity, double Specificity);

/// <summary>
/// Chooses thresholds for the rule "refer when score ≥ threshold" among the distinct scores (and +∞, which refers
/// nobody). Samples with tied scores are referred together, so a target can be overshot where a tie straddles it.
/// Both answer null without both positives and negatives, where sensitivity or specificity is not defined.
/// </summary>
public static class OperatingPoints
{
    /// <summary>
    /// The point with the highest sensitivity among those whose specificity is at least <paramref name="specificity"/>
    /// (in [0, 1]); of points equally sensitive, the one with the highest threshold, and so the highest specificity.
    /// Threshold +∞ (sensitivity 0, specificity 1) when every score would refer too many negatives.
    /// </summary>
    public static OperatingPoint? AtSpecificity(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double specificity)
    {
        CheckTarget(specificity, nameof(specificity));
        var sweep = ThresholdSweep.Of(scores, positive);
        if (sweep.Positives == 0 || sweep.Negatives == 0) return null;
        // False positives only grow as the threshold falls, so the points meeting the target are a leading run of the
        // sweep, and the most sensitive of them is the last; the first with its count of true positives is the answer.
        var feasible = sweep.Steps.TakeWhile(s => Specificity(s, sweep) >= specificity).ToArray();
        var mostSensitive = feasible.First(s => s.TruePositives == feasible[^1].TruePositives);
        return Point(mostSensitive, sweep);
    }

    /// <summary>
    /// The point with the highest threshold whose sensitivity is at least <paramref name="sensitivity"/> (in [0, 1]),
    /// which of all such points has the highest specificity; threshold +∞ for a target of 0.
    /// </summary>
    public static OperatingPoint? AtSensitivity(IReadOnlyList<double> scores, IReadOnlyList<bool> positive, double sensitivity)
    {
        CheckTarget(sensitivity, nameof(sensitivity));
        var sweep = ThresholdSweep.Of(scores, positive);
        if (sweep.Positives == 0 || sweep.Negatives == 0) return null;
        return Point(sweep.Steps.First(s => Sensitivity(s, sweep) >= sensitivity), sweep);
    }

    static void CheckTarget(double target, string name)
    {
        if (!(target >= 0 && target <= 1))
            throw new ArgumentOutOfRangeException(name, target, "A target rate must lie in [0, 1].");
    }

    static OperatingPoint Point(ThresholdSweep.Step step, ThresholdSweep sweep) =>
        new(step.Threshold, Sensitivity(step, sweep), Specificity(step, sweep));

    // One division each, of exact counts: a rate such as 19/20 then equals the target 0.95 written as a literal, since
    // both are the double nearest the same number, and no tolerance is needed.
    static double Sensitivity(ThresholdSweep.Step step, ThresholdSweep sweep) => (double)step.TruePositives / sweep.Positives;

    static double Specificity(ThresholdSweep.Step step, ThresholdSweep sweep) =>
        (double)(sweep.Negatives - step.FalsePositives) / sweep.Negatives;
}
