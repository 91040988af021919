namespace DermLens.Evaluation;

/// <summary>One bin of a reliability diagram: the samples whose confidence falls in (Lower, Upper].</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>Expected calibration error: how far confidence (the top probability) strays from accuracy, averaged over equal-width bins.</summary>
public static class CalibrationError
{
    public const int DefaultBins = 15;

    /// <summary>Sum over bins of (bin share of samples) x |accuracy in bin - mean confidence in bin|.</summary>
    public static double Expected(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = DefaultBins) =>
        Bins(confidence, correct, bins).Sum(b => Math.Abs(b.Accuracy - b.MeanConfidence) * b.Count) / confidence.Count;

    /// <summary>The non-empty bins of a reliability diagram, lowest confidence first.</summary>
    public static IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = DefaultBins)
    {
        if (confidence.Count != correct.Count)
            throw new ArgumentException($"{confidence.Count} confidences but {correct.Count} outcomes.");
        if (confidence.Count == 0) throw new ArgumentException("No samples to calibrate.");
        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctSum = new int[bins];
        for (int i = 0; i < confidence.Count; i++)
        {
            var bin = BinOf(confidence[i], bins);
            count[bin]++;
            confidenceSum[bin] += confidence[i];
            if (correct[i]) correctSum[bin]++;
        }
        return Enumerable.Range(0, bins).Where(b => count[b] > 0)
            .Select(b => new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b], confidenceSum[b] / count[b], (double)correctSum[b] / count[b]))
            .ToArray();
    }

    /// <summary>Top probability and whether the top class is the true one, per row: what ECE and the diagram bin.</summary>
    public static (double[] Confidence, bool[] Correct) TopClass(int[] truth, float[][] probabilities) =>
        (probabilities.Select(row => (double)row.Max()).ToArray(),
         Enumerable.Range(0, truth.Length).Select(i => Predictions.ArgMax(probabilities[i]) == truth[i]).ToArray());

    /// <summary>Bins are right-closed, (b/n, (b+1)/n], as in Guo et al. 2017; confidence 0 falls in the first.</summary>
    static int BinOf(double confidence, int bins) =>
        Math.Clamp((int)Math.Ceiling(confidence * bins) - 1, 0, bins - 1);
}
