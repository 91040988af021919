namespace DermLens.Evaluation;

/// <summary>
/// What a run's temperature scaling did on the scored set: expected calibration error and log loss of the scores before
/// and after it, the paired bootstrap interval of the ECE change (after − before: below zero is better), and the
/// reliability diagram's bins both ways.
/// </summary>
public sealed record CalibrationSummary(double Temperature, double EceBefore, double EceAfter, double LogLossBefore, double LogLossAfter,
    MetricInterval? EceChange, IReadOnlyList<ReliabilityBin> BinsBefore, IReadOnlyList<ReliabilityBin> BinsAfter)
{
    /// <summary>Measures before and after (scores of the same samples) against truth; the interval resamples groups as
    /// <see cref="GroupBootstrap"/> does and is null where it cannot.</summary>
    public static CalibrationSummary Measure(double temperature, int[] truth, float[][] before, float[][] after, IReadOnlyList<string> groups,
        int resamples = GroupBootstrap.DefaultResamples, int seed = 0)
    {
        var (confidenceBefore, correctBefore) = CalibrationError.TopClass(truth, before);
        var (confidenceAfter, correctAfter) = CalibrationError.TopClass(truth, after);
        double eceBefore = CalibrationError.Expected(confidenceBefore, correctBefore), eceAfter = CalibrationError.Expected(confidenceAfter, correctAfter);
        MetricInterval? change = null;
        try
        {
            double Ece(double[] confidence, bool[] correct, int[] draw) =>
                CalibrationError.Expected(draw.Select(i => confidence[i]).ToArray(), draw.Select(i => correct[i]).ToArray());
            var draws = GroupBootstrap.Resamples(truth, groups, resamples, seed)
                .Select(draw => Ece(confidenceAfter, correctAfter, draw) - Ece(confidenceBefore, correctBefore, draw));
            change = GroupBootstrap.Interval(eceAfter - eceBefore, draws);
        }
        catch (DermLensException)
        {
            // Too few groups to resample: the point values stand alone.
        }
        return new CalibrationSummary(temperature, eceBefore, eceAfter, ClassificationMetrics.LogLossOf(truth, before), ClassificationMetrics.LogLossOf(truth, after),
            change, CalibrationError.Bins(confidenceBefore, correctBefore), CalibrationError.Bins(confidenceAfter, correctAfter));
    }
}
