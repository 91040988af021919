namespace DermLens.Evaluation;

/// <summary>
/// The counts of the rule "refer when score ≥ threshold" at every distinct score, highest first: the sweep the ROC
/// curve, the precision-recall curve and the operating points share. Tied scores pass a threshold together, so they
/// are one step, never an order that depends on how the samples happened to be listed.
/// </summary>
sealed class ThresholdSweep
{
    /// <summary>One threshold and the positives and negatives scoring at or above it.</summary>
    public readonly record struct Step(double Threshold, int TruePositives, int FalsePositives);

    /// <summary>From +∞ (nobody referred, no counts) down to the lowest score (everybody referred).</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>How many samples are positive.</summary>
    public int Positives { get; }

    /// <summary>How many samples are negative.</summary>
    public int Negatives { get; }

    ThresholdSweep(IReadOnlyList<Step> steps, int positives, int negatives)
    {
        Steps = steps;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>Sweeps finite scores against their labels; throws when the lengths differ or a score is not finite.</summary>
    public static ThresholdSweep Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count)
            throw new ArgumentException($"{scores.Count} scores but {positive.Count} labels.");
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"Score {i} is {scores[i]}; thresholds need finite scores.");

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var steps = new List<Step> { new(double.PositiveInfinity, 0, 0) };
        int truePositives = 0, falsePositives = 0;
        for (int next = 0; next < order.Length;)
        {
            var threshold = scores[order[next]];
            for (; next < order.Length && scores[order[next]] == threshold; next++)
                if (positive[order[next]]) truePositives++;
                else falsePositives++;
            steps.Add(new Step(threshold, truePositives, falsePositives));
        }
        return new ThresholdSweep(steps, truePositives, falsePositives);
    }
}
