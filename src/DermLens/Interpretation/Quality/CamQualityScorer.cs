using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Scores every explanation method and the two baseline maps on batches of images with lesion masks, keeping each
/// image's scores (a few numbers per method), so any number of batches can be added with flat tensor memory and the
/// methods compared with the centred Gaussian image by image. Each image is explained for its given class (the true
/// label: the lesion the mask outlines is that class's evidence).
/// </summary>
public sealed class CamQualityScorer
{
    readonly Faithfulness faithfulness;
    readonly Road road;
    readonly int batchSize;
    readonly int seed;
    // Methods in order, then the two baselines (no explainer).
    readonly List<(string Name, Explainer? Explainer)> rows;
    // Method → metric column → one score per image, in the order the images were added.
    readonly Dictionary<string, Dictionary<string, List<double>>> scores = [];
    readonly List<string> groups = [];

    /// <summary>
    /// Scores methods (default: every one in <see cref="ExplanationMethods"/>) on model, whose CAM layer is targetLayer
    /// and whose training loss was loss; the CAM-based methods smooth as asked; seed fixes the random baseline, ROAD's
    /// noise and the bootstrap.
    /// </summary>
    public CamQualityScorer(Module<Tensor, Tensor> model, string targetLayer, string loss, IReadOnlyList<string>? methods = null,
        int steps = 20, int batchSize = 16, int seed = 0, CamSmoothing smoothing = CamSmoothing.None, IReadOnlyList<int>? roadPercentiles = null)
    {
        this.batchSize = batchSize;
        this.seed = seed;
        faithfulness = new Faithfulness(model, loss, steps, batchSize);
        road = new Road(model, loss, roadPercentiles, batchSize, seed);
        rows = (methods ?? ExplanationMethods.Names)
            .Select(name => ExplanationMethods.Create(name, model, targetLayer, smoothing))
            .Select(explainer => (explainer.Name, (Explainer?)explainer)).ToList();
        rows.Add((CamQuality.RandomBaseline, null));
        rows.Add((CamQuality.GaussianBaseline, null));
        foreach (var (name, _) in rows) scores[name] = CamQualityMetric.All.ToDictionary(m => m.Column, _ => new List<double>());
    }

    /// <summary>Images scored so far.</summary>
    public int Images => groups.Count;

    /// <summary>ROAD's imputations so far (one per image, percentile and order) and the time they took.</summary>
    public (int Count, TimeSpan Time) Imputations => road.Imputations;

    /// <summary>
    /// Adds images (N, 3, H, W, normalised as the model expects), their masks (N, h, w, non-zero = lesion), one class per
    /// image and, optionally, each image's group (its lesion) for the bootstrap; without groups each image is its own.
    /// </summary>
    public void Add(Tensor batch, Tensor masks, IReadOnlyList<int> classes, IReadOnlyList<string>? imageGroups = null)
    {
        var count = (int)batch.shape[0];
        if (classes.Count != count) throw new DermLensException($"{classes.Count} classes were given for {count} images.");
        if (imageGroups != null && imageGroups.Count != count) throw new DermLensException($"{imageGroups.Count} groups were given for {count} images.");
        var targets = classes.Select(c => (ExplanationTarget)new ClassTarget(c)).ToList();
        var (height, width) = ((int)batch.shape[2], (int)batch.shape[3]);
        var first = Images;
        foreach (var (name, explainer) in rows)
        {
            using var scope = NewDisposeScope();
            var maps = explainer != null ? PixelMaps.Importance(explainer.Explain(batch, targets, batchSize))
                : name == CamQuality.RandomBaseline ? PixelMaps.Random(count, height, width, seed, first)
                : PixelMaps.CentredGaussian(count, height, width);
            var curves = faithfulness.Measure(batch, maps, classes);
            var roadScores = road.Measure(batch, maps, classes, first);
            var perImage = new Dictionary<CamQualityMetric, IEnumerable<double>>
            {
                [CamQualityMetric.PointingGame] = Localisation.PointingGame(maps, masks).Select(v => (double)v),
                [CamQualityMetric.EnergyInMask] = Localisation.EnergyInMask(maps, masks).Select(v => (double)v),
                [CamQualityMetric.DeletionAuc] = curves.DeletionAuc,
                [CamQualityMetric.InsertionAuc] = curves.InsertionAuc,
                [CamQualityMetric.RoadMostRelevantFirst] = roadScores.MostRelevantFirst,
                [CamQualityMetric.RoadLeastRelevantFirst] = roadScores.LeastRelevantFirst,
                [CamQualityMetric.RoadCombined] = roadScores.Combined,
            };
            foreach (var (metric, values) in perImage) scores[name][metric.Column].AddRange(values);
        }
        groups.AddRange(imageGroups ?? Enumerable.Range(first, count).Select(i => $"image {i}"));
    }

    /// <summary>The mean scores so far, one row per method then the random and centred-Gaussian baselines.</summary>
    public IReadOnlyList<CamQuality> Results() =>
        rows.Select(r =>
        {
            double Mean(CamQualityMetric metric) => Images == 0 ? double.NaN : scores[r.Name][metric.Column].Average();
            return new CamQuality(r.Name, Images, Mean(CamQualityMetric.PointingGame), Mean(CamQualityMetric.EnergyInMask),
                Mean(CamQualityMetric.DeletionAuc), Mean(CamQualityMetric.InsertionAuc),
                Mean(CamQualityMetric.RoadMostRelevantFirst), Mean(CamQualityMetric.RoadLeastRelevantFirst));
        }).ToList();

    /// <summary>Every row's difference from the centred Gaussian on every metric, with lesion (or image) bootstrap intervals.</summary>
    public IReadOnlyList<GaussianDifference> RelativeToGaussian(int resamples = Evaluation.GroupBootstrap.DefaultResamples) =>
        Quality.RelativeToGaussian.Compute(
            scores.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, double[]>)s.Value.ToDictionary(m => m.Key, m => m.Value.ToArray())),
            groups, resamples, seed);
}
