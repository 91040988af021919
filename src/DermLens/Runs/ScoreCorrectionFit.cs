using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>
/// Fits what a run's scores are corrected with, on its validation part and in the order they are applied: the temperature
/// on the network's raw scores first, then the prior correction's tau on the calibrated scores. One pass over the
/// validation images serves both.
/// </summary>
public static class ScoreCorrectionFit
{
    /// <summary>The configuration with each setting given replacing the stored correction (null settings keep theirs). The
    /// model is loaded from the run's best checkpoint with its TTA and snapshots; cache (null: a one-pass cache) may hold
    /// the validation images already, as training's does.</summary>
    public static RunConfig Resolve(ScoreSettings settings, RunFolder run, RunConfig config, Dataset dataset, Split split,
        string device, string precision, Action<string> log, ImageCache? cache = null, CancellationToken ct = default)
    {
        var calibrate = settings.Calibration is { } calibration && TemperatureScaling.Settings.Check(calibration) == TemperatureScaling.Fitted;
        double? tau = settings.PriorCorrection is { } prior ? PriorCorrection.ParseSetting(prior) : config.PriorCorrection?.Tau ?? 0;
        if (settings.PriorCorrection != null && tau != 0 && config.Train.Loss != ClassificationLoss.CrossEntropy)
            throw new DermLensException($"--prior-correction needs a softmax run; {run.Path} was trained with --loss {config.Train.Loss}.");
        var priors = PriorCorrection.PriorsOf(split.Train.Select(s => s.Label).ToArray(), config.Classes.Count);

        if (settings.Calibration != null && !calibrate) config = config with { Calibration = null };
        if (settings.PriorCorrection != null) config = config with { PriorCorrection = tau is > 0 ? new PriorCorrection(tau.Value, priors) : null };
        if (calibrate && split.Validation.Count == 0)
        {
            log("Calibration: no validation part to fit a temperature on; scores stay uncalibrated");
            config = config with { Calibration = null };
            calibrate = false;
        }
        bool fitTau = settings.PriorCorrection != null && tau == null;
        if (!calibrate && !fitTau)
        {
            if (settings.PriorCorrection != null && tau is > 0)
                log(string.Create(CultureInfo.InvariantCulture, $"Prior correction: tau {tau:0.##} on the training part's class shares"));
            return config;
        }

        var uncorrected = config with { Calibration = null, PriorCorrection = null };
        using var model = RunModel.Load(run, device, precision, uncorrected);
        var loader = PipelineFactory.Evaluation(split.Validation, cache ?? PipelineFactory.OnePassCache(dataset, uncorrected), uncorrected);
        var validation = Inference.Predict(model.RawProbabilities, loader, model.Device, ct: ct);
        if (validation.Samples.Count == 0) throw new DermLensException("No validation image could be read to fit the score corrections on.");
        if (calibrate)
        {
            var (scaling, before, after) = TemperatureScaling.Fit(validation.Truth, validation.Probabilities, config.Train.Loss);
            log(string.Create(CultureInfo.InvariantCulture,
                $"Calibration: temperature {scaling.Temperature:0.###} fitted on {validation.Samples.Count} validation images (log loss {before:0.####} → {after:0.####})"));
            config = config with { Calibration = scaling };
        }
        if (fitTau)
        {
            var calibrated = config.Calibration is { } fitted
                ? validation with { Probabilities = ScoreRows.Map(validation.Probabilities, scores => fitted.Apply(scores, config.Train.Loss)) }
                : validation;
            var (correction, before, after) = PriorCorrection.Fit(calibrated, priors);
            log(string.Create(CultureInfo.InvariantCulture,
                $"Prior correction: tau {correction.Tau:0.##} chosen on {validation.Samples.Count} validation images " +
                $"(balanced accuracy {before:P1} uncorrected, {after:P1} corrected)"));
            config = config with { PriorCorrection = correction };
        }
        return config;
    }
}
