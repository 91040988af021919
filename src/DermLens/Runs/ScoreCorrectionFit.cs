using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>
/// Fits what a run's scores are corrected and screened with, on its validation part and in the order they are applied:
/// the temperature on the network's raw scores, the prior correction's tau on the calibrated scores, then the referral
/// threshold on the final scores. One pass over the validation images serves all three.
/// </summary>
public static class ScoreCorrectionFit
{
    /// <summary>The configuration with each setting given replacing the stored correction or rule (null settings keep theirs).
    /// The model is loaded from the run's best checkpoint with its TTA and snapshots; cache (null: a one-pass cache) may
    /// hold the validation images already, as training's does.</summary>
    public static RunConfig Resolve(ScoreSettings settings, RunFolder run, RunConfig config, Dataset dataset, Split split,
        string device, string precision, Action<string> log, ImageCache? cache = null, CancellationToken ct = default)
    {
        bool calibrate = settings.Calibration is { } calibration && TemperatureScaling.Settings.Check(calibration) == TemperatureScaling.Fitted;
        double? tau = settings.PriorCorrection is { } prior ? PriorCorrection.ParseSetting(prior) : config.PriorCorrection?.Tau ?? 0;
        if (settings.PriorCorrection != null && tau != 0 && config.Train.Loss != ClassificationLoss.CrossEntropy)
            throw new DermLensException($"--prior-correction needs a softmax run; {run.Path} was trained with --loss {config.Train.Loss}.");
        var malignant = settings.Malignant is { } named ? ReferralRule.Resolve(named, config.Classes) : config.ScreenedClasses();
        var target = settings.TargetSensitivity ?? config.Referral?.TargetSensitivity ?? ReferralRule.DefaultTargetSensitivity;
        ReferralRule.CheckTargetSensitivity(target);
        var priors = PriorCorrection.PriorsOf(split.Train.Select(s => s.Label).ToArray(), config.Classes.Count);

        if (settings.Calibration != null && !calibrate) config = config with { Calibration = null };
        if (settings.PriorCorrection != null) config = config with { PriorCorrection = tau is > 0 ? new PriorCorrection(tau.Value, priors) : null };
        if (settings.RefitsReferral) config = config with { Referral = null };
        bool fitTau = settings.PriorCorrection != null && tau == null;
        bool fitReferral = settings.RefitsReferral && malignant != null;
        if (split.Validation.Count == 0 && (calibrate || fitReferral))
        {
            log("No validation part: scores stay uncalibrated and no referral threshold is fitted");
            (calibrate, fitReferral) = (false, false);
        }
        if (settings.PriorCorrection != null && tau is > 0)
            log(string.Create(CultureInfo.InvariantCulture, $"Prior correction: tau {tau:0.##} on the training part's class shares"));
        if (!calibrate && !fitTau && !fitReferral) return config;

        var uncorrected = config with { Calibration = null, PriorCorrection = null };
        using var model = RunModel.Load(run, device, precision, uncorrected);
        var loader = PipelineFactory.Evaluation(split.Validation, cache ?? PipelineFactory.OnePassCache(dataset, uncorrected), uncorrected);
        var validation = Inference.Predict(model.RawProbabilities, loader, model.Device, ct: ct);
        if (validation.Samples.Count == 0) throw new DermLensException("No validation image could be read to fit the score corrections on.");
        int n = validation.Samples.Count;
        if (calibrate)
        {
            var (scaling, before, after) = TemperatureScaling.Fit(validation.Truth, validation.Probabilities, sigmoid: config.Train.Loss == ClassificationLoss.BinaryCrossEntropy);
            log(string.Create(CultureInfo.InvariantCulture,
                $"Calibration: temperature {scaling.Temperature:0.###} fitted on {n} validation images (log loss {before:0.####} → {after:0.####})"));
            config = config with { Calibration = scaling };
        }
        var scores = config.Calibration is { } fitted
            ? ScoreRows.Map(validation.Probabilities, raw => fitted.Apply(raw, config.Train.Loss == ClassificationLoss.BinaryCrossEntropy))
            : validation.Probabilities;
        if (fitTau)
        {
            var (correction, before, after) = PriorCorrection.Fit(validation with { Probabilities = scores }, priors);
            log(string.Create(CultureInfo.InvariantCulture,
                $"Prior correction: tau {correction.Tau:0.##} chosen on {n} validation images (balanced accuracy {before:P1} uncorrected, {after:P1} corrected)"));
            config = config with { PriorCorrection = correction };
        }
        if (fitReferral)
        {
            if (config.PriorCorrection is { Tau: > 0 } correction) scores = ScoreRows.Map(scores, correction.Apply);
            try
            {
                var rule = ReferralRule.Fit(malignant!, validation.Truth, scores, config.Classes, target);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"Referral rule: refer when P({string.Join(" + ", rule.Classes)}) ≥ {rule.Threshold:0.####}, chosen on {n} validation images for sensitivity {target:P0}"));
                config = config with { Referral = rule };
            }
            catch (DermLensException e)
            {
                log($"No referral rule: {e.Message}");
            }
        }
        return config;
    }
}
