using DermLens.Imaging;
using DermLens.Training.Schedules;

namespace DermLens.Training;

/// <summary>Hyper-parameters of one training run; the defaults are the baseline recipe's (presets in <see cref="Recipes"/>).</summary>
/// <remarks>Names (schedule, loss, ...) are stored in their registered spelling whatever case they were given in, so that
/// code comparing them later (softmax or sigmoid, which rule) never sees "CE" for "ce".</remarks>
public sealed record TrainOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    /// <summary>Model input, height x width; config.json stores a square one as a number, as before non-square inputs.</summary>
    public InputSize ImageSize { get; init; } = 224;
    /// <summary>Peak learning rate of the head group; null (--lr auto) asks the LR range test for it, and a run's config then
    /// stores the rate found beside the sweep that found it (<c>lrSearch</c>).</summary>
    public double? LearningRate { get; init; } = 0.01;
    /// <summary>How the LR range test's curve gives the learning rate when LearningRate is automatic: see <see cref="LrRules"/>.</summary>
    public string LrRule { get; init => field = LrRules.All.Canonical(value); } = LrRules.Valley;
    /// <summary>Layer groups get learning rates spaced geometrically from LearningRate / LrSpread to LearningRate (fastai's slice).</summary>
    public double LrSpread { get; init; } = 1;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>cosine, constant, one-cycle or sgdr.</summary>
    public string Schedule { get; init => field = ScheduleFactory.All.Canonical(value); } = "constant";
    /// <summary>SGDR: number of cycles, length of the first in epochs, and the factor each next cycle grows by.</summary>
    public int Cycles { get; init; } = 3;
    public double CycleLength { get; init; } = 1;
    public double CycleMult { get; init; } = 2;
    /// <summary>Epochs of the coarse fit of the head with the backbone frozen, before the whole network trains; 0 skips it.</summary>
    public int HeadEpochs { get; init; }
    /// <summary>While the backbone is frozen, its BatchNorm layers still train (fastai's train_bn) instead of keeping ImageNet's statistics.</summary>
    public bool TrainBatchNorm { get; init; }
    /// <summary>ce (cross-entropy, softmax) or bce (BCE-with-logits on one-hot targets, sigmoid).</summary>
    public string Loss { get; init => field = ClassificationLoss.Kinds.Canonical(value); } = ClassificationLoss.CrossEntropy;
    public double LabelSmoothing { get; init; }
    /// <summary>Weight classes by inverse frequency in the loss.</summary>
    public bool ClassWeights { get; init; }
    /// <summary>Logit adjustment (Menon et al., ICLR 2021): tau * log(class prior) is added to the logits in the loss, so the
    /// trained logits rank classes as if they were balanced; 0 is plain training. Cross-entropy only.</summary>
    public double LogitAdjustment { get; init; }
    /// <summary>Post-hoc logit adjustment after training (<see cref="Evaluation.PriorCorrection"/>): none, auto (tau chosen on
    /// validation balanced accuracy) or a tau; the result is stored in the run and applied wherever the run scores images. Softmax runs only.</summary>
    public string PriorCorrection { get; init; } = Evaluation.PriorCorrection.None;
    /// <summary>After training: temperature (one temperature fitted on the validation part by log loss, see
    /// <see cref="Evaluation.TemperatureScaling"/>) or none; stored in the run and applied before the prior correction.</summary>
    public string Calibration { get; init => field = Evaluation.TemperatureScaling.Settings.Canonical(value); } = Evaluation.TemperatureScaling.Fitted;
    /// <summary>The classes screened as malignant after training: auto (HAM10000's akiec, bcc, mel where the classes include
    /// them), none or a comma-separated list; a referral threshold for them is fitted on the validation part.</summary>
    public string Malignant { get; init; } = Evaluation.ReferralRule.Auto;
    /// <summary>The sensitivity the referral threshold is chosen to reach on the validation part.</summary>
    public double TargetSensitivity { get; init; } = Evaluation.ReferralRule.DefaultTargetSensitivity;
    /// <summary>Snapshot ensemble: keep the network of every SGDR cycle end and average the last this many at inference; 0 keeps only the best checkpoint.</summary>
    public int Snapshots { get; init; }
    /// <summary>SGDR: each warm restart peaks at this share of the previous cycle's peak (1: every cycle restarts at the full rate).</summary>
    public double RestartDecay { get; init; } = 1;
    /// <summary>Epochs without a better validation metric before stopping early.</summary>
    public int Patience { get; init; } = 5;
    /// <summary>loss, accuracy or balanced-accuracy: what early stopping and the best checkpoint follow.</summary>
    public string EarlyStopMetric { get; init => field = EarlyStopping.All.Canonical(value); } = "loss";
    /// <summary>Oversample rare classes with fresh augmentation at every draw.</summary>
    public bool Balanced { get; init; }
    /// <summary>Training augmentation: full (crops, flips, rotation, colour jitter) or flips (flips only): see <see cref="AugmentationOptions.Named"/>.</summary>
    public string Augment { get; init => field = AugmentationOptions.All.Canonical(value); } = AugmentationOptions.Full;
    /// <summary>Smallest share of the image a random crop keeps (full augmentation); raise it when lesions are small in the frame.</summary>
    public double MinCropScale { get; init; } = 0.35;
    public int Seed { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>Convolution weights in channels-last memory order while training (faster oneDNN kernels; same results up to rounding).</summary>
    public bool ChannelsLast { get; init; } = true;
    /// <summary>auto, fp32 or bf16 (fp32 master weights, see <see cref="PrecisionChoice"/>); a run's config stores what auto resolved to.</summary>
    public string Precision { get; init => field = PrecisionChoice.All.Canonical(value); } = "auto";

    /// <summary>The peak learning rate to train with; an error while it is automatic and the LR range test has not found it yet.</summary>
    public double PeakLearningRate() =>
        LearningRate ?? throw new DermLensException("The learning rate is automatic and not found yet: run the LR range test first (as train --lr auto does).");

    /// <summary>Refuses combinations that cannot train, before anything is written: a one-line error naming the option.</summary>
    public void Check()
    {
        if (Epochs < 1) throw new DermLensException($"--epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw new DermLensException($"--batch-size must be at least 1, got {BatchSize}.");
        if (LearningRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
            throw new DermLensException($"--lr must be a positive number or 'auto', got {rate}.");
        if (LearningRate == null) LrRules.Check(LrRule);
        ScheduleFactory.Check(Schedule);
        EarlyStopping.Parse(EarlyStopMetric);
        ClassificationLoss.CheckKind(Loss);
        ClassificationLoss.CheckLabelSmoothing(LabelSmoothing);
        if (!(MinCropScale is > 0 and <= 1)) throw new DermLensException($"--min-crop must be in (0, 1], got {MinCropScale}.");
        AugmentationOptions.Named(Augment, MinCropScale);
        PrecisionChoice.Check(Precision);
        Evaluation.TemperatureScaling.Settings.Check(Calibration);
        Evaluation.ReferralRule.CheckTargetSensitivity(TargetSensitivity);
        if (Snapshots < 0) throw new DermLensException($"--snapshots must be 0 or more, got {Snapshots}.");
        if (Snapshots > 0 && Schedule != "sgdr")
            throw new DermLensException($"--snapshots averages the ends of SGDR cycles; it needs --schedule sgdr (this run uses {Schedule}).");
        if (Snapshots > Cycles) throw new DermLensException($"--snapshots {Snapshots} asks for more snapshots than the {Cycles} SGDR cycles give.");
        if (!(LogitAdjustment >= 0) || double.IsInfinity(LogitAdjustment))
            throw new DermLensException($"--logit-adjust must be 0 or a positive tau, got {LogitAdjustment}.");
        if (LogitAdjustment > 0 && Loss != ClassificationLoss.CrossEntropy)
            throw new DermLensException($"--logit-adjust needs --loss ce (logit adjustment is defined for softmax cross-entropy; this run uses {Loss}).");
        if (LogitAdjustment > 0 && Balanced)
            throw new DermLensException("--logit-adjust corrects for the training labels' class prior, which --balanced sampling makes uniform; use one of them.");
        if (Evaluation.PriorCorrection.ParseSetting(PriorCorrection) != 0 && Loss != ClassificationLoss.CrossEntropy)
            throw new DermLensException($"--prior-correction needs --loss ce (it reweights softmax probabilities; this run uses {Loss}).");
        if (!(RestartDecay is > 0 and <= 1)) throw new DermLensException($"--restart-decay must be in (0, 1], got {RestartDecay}.");
    }
}
