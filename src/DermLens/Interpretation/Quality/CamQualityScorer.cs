using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Scores every explanation method and the two baseline maps on batches of images with lesion masks, keeping only
/// running sums, so any number of batches can be added with flat memory. Each image is explained for its given
/// class (the true label: the lesion the mask outlines is that class's evidence).
/// </summary>
public sealed class CamQualityScorer
{
    readonly Faithfulness faithfulness;
    readonly int batchSize;
    readonly int seed;
    // Methods in order, then the two baselines (no explainer).
    readonly List<(string Name, Explainer? Explainer)> rows;
    readonly Dictionary<string, double[]> sums = [];
    int images;

    /// <summary>
    /// Scores methods (default: every one in <see cref="ExplanationMethods"/>) on model, whose CAM layer is targetLayer
    /// and whose training loss was loss; the CAM-based methods smooth as asked; seed fixes the random baseline.
    /// </summary>
    public CamQualityScorer(Module<Tensor, Tensor> model, string targetLayer, string loss, IReadOnlyList<string>? methods = null,
        int steps = 20, int batchSize = 16, int seed = 0, CamSmoothing smoothing = CamSmoothing.None)
    {
        this.batchSize = batchSize;
        this.seed = seed;
        faithfulness = new Faithfulness(model, loss, steps, batchSize);
        rows = (methods ?? ExplanationMethods.Names)
            .Select(name => ExplanationMethods.Create(name, model, targetLayer, smoothing))
            .Select(explainer => (explainer.Name, (Explainer?)explainer)).ToList();
        rows.Add((CamQuality.RandomBaseline, null));
        rows.Add((CamQuality.GaussianBaseline, null));
        foreach (var (name, _) in rows) sums[name] = new double[4];
    }

    /// <summary>Images scored so far.</summary>
    public int Images => images;

    /// <summary>Adds images (N, 3, H, W, normalised as the model expects), their masks (N, h, w, non-zero = lesion) and one class per image.</summary>
    public void Add(Tensor batch, Tensor masks, IReadOnlyList<int> classes)
    {
        var count = (int)batch.shape[0];
        if (classes.Count != count) throw new DermLensException($"{classes.Count} classes were given for {count} images.");
        var targets = classes.Select(c => (ExplanationTarget)new ClassTarget(c)).ToList();
        var (height, width) = ((int)batch.shape[2], (int)batch.shape[3]);
        foreach (var (name, explainer) in rows)
        {
            using var scope = NewDisposeScope();
            var maps = explainer != null ? PixelMaps.Importance(explainer.Explain(batch, targets, batchSize))
                : name == CamQuality.RandomBaseline ? PixelMaps.Random(count, height, width, seed, images)
                : PixelMaps.CentredGaussian(count, height, width);
            var pointing = Localisation.PointingGame(maps, masks);
            var energy = Localisation.EnergyInMask(maps, masks);
            var curves = faithfulness.Measure(batch, maps, classes);
            var sum = sums[name];
            sum[0] += pointing.Sum();
            sum[1] += energy.Sum();
            sum[2] += curves.DeletionAuc.Sum();
            sum[3] += curves.InsertionAuc.Sum();
        }
        images += count;
    }

    /// <summary>The mean scores so far, one row per method then the random and centred-Gaussian baselines.</summary>
    public IReadOnlyList<CamQuality> Results() =>
        rows.Select(r =>
        {
            var s = sums[r.Name];
            double Mean(int i) => images == 0 ? double.NaN : s[i] / images;
            return new CamQuality(r.Name, images, Mean(0), Mean(1), Mean(2), Mean(3));
        }).ToList();
}
