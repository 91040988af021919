using System.Diagnostics;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>Per image, ROAD's mean target probability with the most relevant pixels removed (lower is more faithful) and with the least relevant removed (higher is more faithful).</summary>
public sealed record RoadScores(double[] MostRelevantFirst, double[] LeastRelevantFirst)
{
    /// <summary>Per image (LeRF − MoRF) / 2, pytorch-grad-cam's ROADCombined: higher is more faithful, 0 for a map that orders pixels no better than chance.</summary>
    public double[] Combined => LeastRelevantFirst.Zip(MostRelevantFirst, (lerf, morf) => (lerf - morf) / 2).ToArray();
}

/// <summary>
/// ROAD, RemOve And Debias (Rong et al., ICML 2022): at each removal percentile the most relevant (MoRF) or least
/// relevant (LeRF) pixels by the map are removed and filled by <see cref="NoisyLinearImputation"/>, and the target
/// class's probability (softmax or sigmoid, as the model was trained) is averaged over the percentiles. Unlike
/// deletion to a plain colour, the filled hole has no edge that tells the model where the map pointed, so a fixed
/// blob scores only as well as the information it happens to remove.
/// </summary>
public sealed class Road
{
    /// <summary>The reference's removal percentiles: 10 % to 90 % in steps of 10.</summary>
    public static readonly IReadOnlyList<int> DefaultPercentiles = [10, 20, 30, 40, 50, 60, 70, 80, 90];

    readonly Module<Tensor, Tensor> model;
    readonly string loss;
    readonly IReadOnlyList<int> percentiles;
    readonly int batchSize;
    readonly int seed;
    readonly double noise;
    readonly Stopwatch imputing = new();

    /// <summary>Measures model (set to eval mode) whose training loss was loss ("ce" or "bce"); seed fixes the imputation noise.</summary>
    public Road(Module<Tensor, Tensor> model, string loss, IReadOnlyList<int>? percentiles = null, int batchSize = 16, int seed = 0,
        double noise = NoisyLinearImputation.DefaultNoise)
    {
        ClassificationLoss.CheckKind(loss);
        this.percentiles = percentiles ?? DefaultPercentiles;
        if (this.percentiles.Count == 0 || this.percentiles.Any(p => p is < 0 or >= 100))
            throw new DermLensException($"ROAD percentiles must lie in [0, 100): got [{string.Join(", ", this.percentiles)}].");
        if (batchSize < 1) throw new DermLensException($"The ROAD batch size must be at least 1, got {batchSize}.");
        this.model = model;
        this.loss = loss;
        this.batchSize = batchSize;
        this.seed = seed;
        this.noise = noise;
        model.eval();
    }

    /// <summary>Images imputed so far (one per image, percentile and order) and the time spent imputing them.</summary>
    public (int Count, TimeSpan Time) Imputations => (imputations, imputing.Elapsed);
    int imputations;

    /// <summary>
    /// The scores of images (N, 3, H, W, normalised as the model expects) for importance maps (N, H, W) and one target
    /// class per image; first is the index of images[0] among all images measured, so each image draws the same noise
    /// however the images are batched. Equal importance is ranked in row-major order.
    /// </summary>
    public RoadScores Measure(Tensor images, Tensor maps, IReadOnlyList<int> classes, int first = 0)
    {
        PixelMaps.CheckShapes("ROAD", images, maps, classes);
        var count = (int)images.shape[0];
        var mostFirst = new double[count];
        var leastFirst = new double[count];
        var device = model.parameters().First().device;
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var batch = images.narrow(0, start, length).to(device);
            var pixels = maps.shape[1] * maps.shape[2];
            var rank = PixelMaps.Ranks(maps.narrow(0, start, length).to(device));
            var targets = tensor(classes.Skip(start).Take(length).Select(c => (long)c).ToArray(), device: device).unsqueeze(1);
            var both = cat([batch, batch], 0);
            foreach (var percentile in percentiles)
            {
                using var step = NewDisposeScope();
                var removedCount = (long)Math.Round(percentile / 100.0 * pixels);
                using var mostLimit = removedCount.ToScalar();
                using var leastLimit = (pixels - removedCount).ToScalar();
                var removed = cat([rank.lt(mostLimit), rank.ge(leastLimit)], 0);
                imputing.Start();
                var imputed = NoisyLinearImputation.Impute(both, removed, Noise(batch, first + start, percentile), noise);
                if (imputed.device.type != DeviceType.CPU) cuda.synchronize();
                imputing.Stop();
                imputations += 2 * length;
                var probabilities = ClassificationLoss.Activation(loss, model.call(imputed));
                var target = probabilities.gather(1, cat([targets, targets], 0)).squeeze(1).cpu().data<float>().ToArray();
                for (var i = 0; i < length; i++)
                {
                    mostFirst[start + i] += target[i] / percentiles.Count;
                    leastFirst[start + i] += target[length + i] / percentiles.Count;
                }
            }
        }
        return new RoadScores(mostFirst, leastFirst);
    }

    /// <summary>Standard normal noise for the MoRF then the LeRF copy of each image, drawn on the CPU from (seed, image, percentile, order).</summary>
    Tensor Noise(Tensor batch, int first, int percentile)
    {
        var shape = new[] { batch.shape[1], batch.shape[2], batch.shape[3] };
        var length = (int)batch.shape[0];
        var draws = new List<Tensor>(2 * length);
        foreach (var order in new[] { 0, 1 })
            for (var i = 0; i < length; i++)
            {
                using var generator = new Generator((ulong)Seeds.Derive(seed, first + i, percentile, order));
                draws.Add(randn(shape, generator: generator));
            }
        return stack(draws, 0);
    }
}
