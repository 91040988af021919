namespace DermLens.Evaluation;

/// <summary>One point of a ROC curve: the rates of the rule "refer when score ≥ <paramref name="Threshold"/>".</summary>
/// <param name="Threshold">The lowest score referred; +∞ for the first point, where nobody is.</param>
/// <param name="FalsePositiveRate">Share of negatives referred (1 − specificity).</param>
/// <param name="TruePositiveRate">Share of positives referred (sensitivity).</param>
public sealed record RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// A ROC curve from (0, 0) at threshold +∞ to (1, 1) at the lowest score, one point per distinct score, highest
/// first, with its trapezoid area; tied scores are one step, a diagonal segment when they mix positives and negatives.
/// </summary>
public sealed class RocCurve
{
    /// <summary>The points, threshold falling, rates rising.</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>Trapezoid area under the points; equal, to the last bit, to <see cref="RankAuc.Compute"/> on the same data.</summary>
    public double Auc { get; }

    RocCurve(IReadOnlyList<RocPoint> points, double auc)
    {
        Points = points;
        Auc = auc;
    }

    /// <summary>The curve of finite scores against labels; null without both positives and negatives, where no rate is defined.</summary>
    public static RocCurve? Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var sweep = ThresholdSweep.Of(scores, positive);
        long positives = sweep.Positives, negatives = sweep.Negatives;
        if (positives == 0 || negatives == 0) return null;

        var points = sweep.Steps
            .Select(s => new RocPoint(s.Threshold, (double)s.FalsePositives / negatives, (double)s.TruePositives / positives))
            .ToArray();
        // Twice the area in counts is an exact integer, so the one division below rounds the same rational that
        // RankAuc's rank sum does, and the two agree exactly.
        long twiceArea = 0;
        for (int i = 1; i < sweep.Steps.Count; i++)
        {
            var (before, after) = (sweep.Steps[i - 1], sweep.Steps[i]);
            twiceArea += (long)(after.FalsePositives - before.FalsePositives) * (before.TruePositives + after.TruePositives);
        }
        return new RocCurve(points, twiceArea / (2.0 * positives * negatives));
    }
}
