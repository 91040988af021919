namespace DermLens.Evaluation;

/// <summary>Expected calibration error: how far confidence (the top probability) strays from accuracy, averaged over equal-width bins.</summary>
public static class CalibrationError
{
    public const int DefaultBins = 15;

    /// <summary>Sum over bins of (bin share of samples) x |accuracy in bin - mean confidence in bin|.</summary>
    public static double Expected(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = DefaultBins)
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
        double ece = 0;
        for (int b = 0; b < bins; b++)
            if (count[b] > 0)
                ece += Math.Abs((double)correctSum[b] / count[b] - confidenceSum[b] / count[b]) * count[b] / confidence.Count;
        return ece;
    }

    /// <summary>Bins are right-closed, (b/n, (b+1)/n], as in Guo et al. 2017; confidence 0 falls in the first.</summary>
    static int BinOf(double confidence, int bins) =>
        Math.Clamp((int)Math.Ceiling(confidence * bins) - 1, 0, bins - 1);
}
