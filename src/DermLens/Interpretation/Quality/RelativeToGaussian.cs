using DermLens.Evaluation;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Every method's per-image scores minus the centred Gaussian's on the same images, averaged, with a 95 % percentile
/// bootstrap interval over groups (lesions where the data knows them, else images). One set of draws serves every
/// method and metric, and each draw pairs a method's images with the Gaussian's same images, so what the images share
/// (a hard lesion, an easy one) cancels: the interval says whether the map carries information beyond the centre prior.
/// </summary>
public static class RelativeToGaussian
{
    /// <summary>
    /// Differences of every method in perImage (method → metric column → one score per image, images in the same
    /// order for all) from the <see cref="CamQuality.GaussianBaseline"/> entry; groups[i] is image i's group.
    /// </summary>
    public static IReadOnlyList<GaussianDifference> Compute(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> perImage,
        IReadOnlyList<string> groups, int resamples = GroupBootstrap.DefaultResamples, int seed = 0)
    {
        if (!perImage.TryGetValue(CamQuality.GaussianBaseline, out var gaussian))
            throw new DermLensException($"Differences from the Gaussian need the '{CamQuality.GaussianBaseline}' scores.");
        if (groups.Count == 0) return [];
        var draws = GroupBootstrap.Resamples(new int[groups.Count], groups, resamples, seed).ToArray();
        var differences = new List<GaussianDifference>();
        foreach (var (method, scores) in perImage)
            foreach (var metric in CamQualityMetric.All)
            {
                if (!scores.TryGetValue(metric.Column, out var values) || !gaussian.TryGetValue(metric.Column, out var baseline)) continue;
                if (values.Length != groups.Count || baseline.Length != groups.Count)
                    throw new DermLensException($"{method} has {values.Length} '{metric.Column}' scores and the Gaussian {baseline.Length}, for {groups.Count} images.");
                var perImageDifference = values.Zip(baseline, (v, b) => v - b).ToArray();
                var interval = GroupBootstrap.Interval(perImageDifference.Average(), draws.Select(d => d.Average(i => perImageDifference[i])));
                differences.Add(new GaussianDifference(method, metric.Column, interval.Value, interval.Low, interval.High));
            }
        return differences;
    }
}
