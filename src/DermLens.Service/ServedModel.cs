using System.Security.Cryptography;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Models;
using DermLens.Runs;
using static TorchSharp.torch;

namespace DermLens.Service;

/// <summary>
/// The run a service serves, loaded once: the network that scores (batches from the micro-batcher, one at a time per
/// worker) and a second copy for the heat map (<see cref="DefaultExplanation"/>), whose hooks must not see the scoring passes; both with the run's
/// preprocessing, TTA, calibration and prior correction.
/// </summary>
public sealed class ServedModel : IDisposable
{
    readonly RunModel _scoring;
    readonly RunModel _explaining;
    readonly Explainer _heatMap;
    readonly Lock _explainLock = new();

    public ServedModel(RunFolder run, string device, string precision)
    {
        _scoring = RunModel.Open(run, new InferenceOptions { Device = device, Precision = precision });
        try
        {
            _explaining = RunModel.Open(run, new InferenceOptions { Device = device, Precision = "fp32" });
            _heatMap = DefaultExplanation.Create(_explaining.Network, ModelRegistry.Get(Config.Arch));
        }
        catch
        {
            _scoring.Dispose();
            _explaining?.Dispose();
            throw;
        }
        Id = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(run.Path))}@{Fingerprint(run.Model)}";
    }

    /// <summary>The run folder's name and the first 8 hex digits of model.pt's SHA-256: which weights answered.</summary>
    public string Id { get; }

    public RunConfig Config => _scoring.Config;
    public IReadOnlyList<string> Classes => Config.Classes;
    public InputSize InputSize => _scoring.InputSize;

    /// <summary>The model input of a decoded photo: the run's preprocessing, then resize and centre crop.</summary>
    public RgbImage Prepare(RgbImage photo) => _scoring.Prepare(photo);

    /// <summary>Class scores (calibrated, prior-corrected) of prepared images, one row each.</summary>
    public IReadOnlyList<float[]> Score(IReadOnlyList<RgbImage> prepared)
    {
        using var scope = NewDisposeScope();
        return _scoring.ProbabilityRows(_scoring.Input(prepared), prepared.Count);
    }

    /// <summary>The heat map (<see cref="DefaultExplanation"/>) for a class (null: the top one) blended over the prepared image, at its size (the page lays it over the input); one at a time.</summary>
    public RgbImage Explain(RgbImage prepared, int? classIndex)
    {
        lock (_explainLock)
        {
            using var scope = NewDisposeScope();
            var input = _explaining.Input([prepared]);
            int target = classIndex ?? Predictions.ArgMax(_explaining.ProbabilityRows(input, 1)[0]);
            using var maps = _heatMap.Explain(input, [new ClassTarget(target)], 1);
            return Overlay.Blend(prepared, maps.data<float>().ToArray());
        }
    }

    static string Fingerprint(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..8];
    }

    public void Dispose()
    {
        _scoring.Dispose();
        _explaining.Dispose();
    }
}
