using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;

namespace DermLens.Runs;

/// <summary>Turns a --prior-correction setting into a run's <see cref="PriorCorrection"/>: priors from the run's training
/// part, tau as given or (auto) the one that scores its validation part best.</summary>
public static class PriorCorrectionFit
{
    /// <summary>Null for none. The model is loaded from the run's best checkpoint with its TTA and snapshots, uncorrected;
    /// cache (null: a one-pass cache) may hold the validation images already, as training's does.</summary>
    public static PriorCorrection? Resolve(string setting, RunFolder run, RunConfig config, Dataset dataset, Split split,
        string device, string precision, Action<string> log, ImageCache? cache = null, CancellationToken ct = default)
    {
        var tau = PriorCorrection.ParseSetting(setting);
        if (tau == 0) return null;
        if (config.Train.Loss != Training.ClassificationLoss.CrossEntropy)
            throw new DermLensException($"--prior-correction needs a softmax run; {run.Path} was trained with --loss {config.Train.Loss}.");
        var priors = PriorCorrection.PriorsOf(split.Train.Select(s => s.Label).ToArray(), config.Classes.Count);
        if (tau is { } given)
        {
            log(string.Create(CultureInfo.InvariantCulture, $"Prior correction: tau {given:0.##} on the training part's class shares"));
            return new PriorCorrection(given, priors);
        }
        var uncorrected = config with { PriorCorrection = null };
        using var model = RunModel.Load(run, device, precision, uncorrected);
        var loader = PipelineFactory.Evaluation(split.Validation, cache ?? PipelineFactory.OnePassCache(dataset, uncorrected), uncorrected);
        var validation = Inference.Predict(model.Probabilities, loader, model.Device, ct: ct);
        var (correction, before, after) = PriorCorrection.Fit(validation, priors);
        log(string.Create(CultureInfo.InvariantCulture,
            $"Prior correction: tau {correction.Tau:0.##} chosen on {validation.Samples.Count} validation images " +
            $"(balanced accuracy {before:P1} uncorrected, {after:P1} corrected)"));
        return correction;
    }
}
