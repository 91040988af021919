namespace DermLens.Evaluation;

/// <summary>One point of a precision-recall curve: the rule "refer when score ≥ <paramref name="Threshold"/>".</summary>
/// <param name="Threshold">The lowest score referred; +∞ for the first point, where nobody is.</param>
/// <param name="Recall">Share of positives referred (sensitivity).</param>
/// <param name="Precision">Share of the referred that are positive; 1 by convention where nobody is referred.</param>
public sealed record PrecisionRecallPoint(double Threshold, double Recall, double Precision);

/// <summary>
/// A precision-recall curve from (recall 0, precision 1) at threshold +∞ to recall 1 at the lowest score, one point per
/// distinct score, highest first, with its average precision as scikit-learn's average_precision_score defines it.
/// </summary>
public sealed class PrecisionRecallCurve
{
    /// <summary>The points, threshold falling, recall rising.</summary>
    public IReadOnlyList<PrecisionRecallPoint> Points { get; }

    /// <summary>
    /// Σ (Rₙ − Rₙ₋₁) Pₙ over the points: each gain in recall weighted by the precision where it is reached, a step
    /// function with no interpolation between points, so it does not flatter the curve the way the trapezoid does.
    /// </summary>
    public double AveragePrecision { get; }

    PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> points, double averagePrecision)
    {
        Points = points;
        AveragePrecision = averagePrecision;
    }

    /// <summary>The curve of finite scores against labels; null without positives, where recall is not defined.</summary>
    public static PrecisionRecallCurve? Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var sweep = ThresholdSweep.Of(scores, positive);
        if (sweep.Positives == 0) return null;

        var points = sweep.Steps.Select(s => new PrecisionRecallPoint(s.Threshold, (double)s.TruePositives / sweep.Positives,
            s.TruePositives + s.FalsePositives == 0 ? 1 : (double)s.TruePositives / (s.TruePositives + s.FalsePositives))).ToArray();
        double averagePrecision = 0;
        for (int i = 1; i < points.Length; i++)
            averagePrecision += (points[i].Recall - points[i - 1].Recall) * points[i].Precision;
        return new PrecisionRecallCurve(points, averagePrecision);
    }
}
