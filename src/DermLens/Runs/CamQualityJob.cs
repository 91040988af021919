using DermLens.Data;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Interpretation;
using DermLens.Interpretation.Quality;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>What <see cref="CamQualityJob"/> measured, and which test images it had to leave out and why.</summary>
public sealed record CamQualityReport(IReadOnlyList<CamQuality> Rows, string Path, int TestImages, int WithoutMask,
    IReadOnlyDictionary<string, string> Skipped)
{
    /// <summary>Every row's difference from the centred Gaussian per metric, with bootstrap intervals over <see cref="BootstrapUnit"/>.</summary>
    public IReadOnlyList<GaussianDifference> RelativeToGaussian { get; init; } = [];
    public string RelativeToGaussianPath { get; init; } = "";
    /// <summary>What the bootstrap resampled: "lesions" or "images".</summary>
    public string BootstrapUnit { get; init; } = "images";
    /// <summary>ROAD's imputations and the time they took.</summary>
    public (int Count, TimeSpan Time) Imputations { get; init; }
}

/// <summary>
/// The `explain --score` verb as a library call: scores every explanation method on a run's test images that have
/// a lesion mask, with the run's best model and input transform, and writes cam_quality.csv and each method's
/// difference from the centred Gaussian (cam_quality_vs_gaussian.csv) into the run.
/// </summary>
public sealed class CamQualityJob(RunFolder run)
{
    /// <summary>Score at most this many masked test images (in split order); null for all.</summary>
    public int? Limit { get; init; }
    public int BatchSize { get; init; } = 16;
    public int Steps { get; init; } = 20;
    public int Seed { get; init; }
    public string? TargetLayerOverride { get; init; }
    /// <summary>The methods to score, by registry name; null for every one (Score-CAM costs one forward pass per channel and image).</summary>
    public IReadOnlyList<string>? Methods { get; init; }
    /// <summary>How the CAM-based methods smooth their maps.</summary>
    public CamSmoothing Smoothing { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>auto, fp32 or bf16: what the model computes in.</summary>
    public string Precision { get; init; } = "auto";
    public IProgress<(int Done, int Total)>? Progress { get; init; }

    public CamQualityReport Run(CancellationToken ct = default)
    {
        var config = run.LoadConfig();
        var dataset = DataSources.Open(config.Data, config.Format);
        var test = Split.Load(run.Split, dataset).Test;
        var masked = test.Where(s => s.MaskPath != null).ToList();
        if (Limit is { } limit) masked = masked.Take(Math.Max(0, limit)).ToList();
        if (masked.Count == 0)
            throw new DermLensException($"None of the run's {test.Count} test images has a lesion mask; CAM localisation needs masks " +
                                        "(synthetic lesions and HAM10000 with its segmentation folder have them).");

        using var model = RunModel.Open(run, new InferenceOptions { Device = Device, Precision = Precision });
        var layer = TargetLayer.NameFor(ModelRegistry.Get(config.Arch), TargetLayerOverride);
        var scorer = new CamQualityScorer(model.Network, layer, config.Train.Loss, Methods, steps: Steps, batchSize: BatchSize, seed: Seed,
            smoothing: Smoothing);
        var skipped = new Dictionary<string, string>();
        var size = model.InputSize;
        var done = 0;
        foreach (var chunk in masked.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var loaded = chunk.Select(s => (Sample: s, Pair: Load(dataset, s, model.Preprocess, size, skipped))).Where(x => x.Pair != null).ToList();
            if (loaded.Count > 0)
            {
                using var scope = NewDisposeScope();
                var maskValues = loaded.SelectMany(x => x.Pair!.Value.Mask).ToArray();
                scorer.Add(model.Input(loaded.Select(x => x.Pair!.Value.Image).ToList()), tensor(maskValues, [loaded.Count, size.Height, size.Width]),
                    loaded.Select(x => x.Sample.Label).ToList(), loaded.Select(x => x.Sample.Group ?? x.Sample.Id).ToList());
            }
            done += chunk.Length;
            Progress?.Report((done, masked.Count));
        }
        if (scorer.Images == 0) throw new DermLensException($"None of the {masked.Count} masked test images could be read.");
        var rows = scorer.Results();
        var path = run.CamQuality;
        CamQuality.Save(path, rows);
        var differences = scorer.RelativeToGaussian();
        GaussianDifference.Save(run.CamQualityVsGaussian, differences);
        return new CamQualityReport(rows, path, test.Count, test.Count(s => s.MaskPath == null), skipped)
        {
            RelativeToGaussian = differences,
            RelativeToGaussianPath = run.CamQualityVsGaussian,
            BootstrapUnit = masked.Any(s => s.Group != null) ? "lesions" : "images",
            Imputations = scorer.Imputations,
        };
    }

    /// <summary>
    /// The image as the model sees it and its mask (0/1, size.Height x size.Width, row-major) cut the same way, or null with the reason in
    /// skipped. A preprocessing chain that crops (ROI, field of view) moves the lesion away from its mask, so such
    /// images are skipped rather than scored against the wrong pixels.
    /// </summary>
    static (RgbImage Image, float[] Mask)? Load(Dataset dataset, Sample sample, PreprocessChain preprocess, InputSize size,
        Dictionary<string, string> skipped)
    {
        try
        {
            var original = dataset.Load(sample);
            var image = preprocess.Apply(original);
            if (image.Width != original.Width || image.Height != original.Height)
            {
                skipped[sample.Id] = $"preprocessing '{preprocess}' changed the image's geometry, so its mask no longer lines up";
                return null;
            }
            var mask = ImageCodec.Decode(sample.MaskPath!);
            if (mask.Width * image.Height != mask.Height * image.Width)
            {
                skipped[sample.Id] = $"mask {mask.Width}x{mask.Height} does not match the image's {image.Width}x{image.Height} shape";
                return null;
            }
            var cut = Resizer.ResizeCenterCrop(mask, size);
            var values = new float[size.Plane];
            // Grey masks resample to soft edges; the lesion is the half above mid grey.
            for (var p = 0; p < values.Length; p++) values[p] = cut.Pixels[3 * p] >= 128 ? 1f : 0f;
            return (Resizer.ResizeCenterCrop(image, size), values);
        }
        catch (ImageReadException e)
        {
            skipped[sample.Id] = e.Reason;
            return null;
        }
        catch (DermLensException e)
        {
            skipped[sample.Id] = e.Message;
            return null;
        }
    }
}
