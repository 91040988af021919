using DermLens.Imaging;
using DermLens.Training.Schedules;

namespace DermLens.Training;

/// <summary>
/// Training presets and the stages they imply. "baseline": constant LR, one stage, cross-entropy.
/// "research" (Mishra et al. 2019): LR range test (a tenth of the minimum's rate), coarse fit of the head with the backbone frozen,
/// then everything unfrozen with differential LRs and SGDR whose cycles double, BCE-with-logits, early stopping.
/// "dermoscopy": the best DermLens configuration on ham10000-train's validation part (bench/results/ham10000.md):
/// native 4:3 inputs, flips only, one cosine stage, cross-entropy, prior correction chosen on validation.
/// "demo": what the demo verb trains from scratch on its synthetic lesions.
/// </summary>
public static class Recipes
{
    /// <summary>Each preset as a change of the defaults it is applied to.</summary>
    public static readonly Registry<Func<TrainOptions, TrainOptions>> All = new("recipe",
    [
        ("baseline", defaults => defaults with
        {
            Schedule = "constant", LrSpread = 1, HeadEpochs = 0, Loss = ClassificationLoss.CrossEntropy,
        }),
        ("research", defaults => defaults with
        {
            // The research system picked the rate "before the loss turns up" and trained with SGD: a tenth of the
            // minimum's rate is that rule (fastai's later valley rule was made for Adam and lands 5-10x lower here).
            LearningRate = null, LrRule = LrRules.Minimum, Schedule = "sgdr", Cycles = 3, CycleLength = 1, CycleMult = 2, LrSpread = 10,
            // Frozen BatchNorm in eval mode normalises with ImageNet's statistics; switching it to batch statistics at the
            // unfreeze then shifted every feature (ham10000-dev: training accuracy fell from 42% to 23%). fastai trains it.
            HeadEpochs = 2, TrainBatchNorm = true, Loss = ClassificationLoss.BinaryCrossEntropy, Patience = 4,
        }),
        ("dermoscopy", defaults => defaults with
        {
            // The ham10000 benchmark's pick on validation balanced accuracy inside an hour of 2 cores (73.2 %, 51 minutes;
            // bench/results/ham10000.md): torchvision's plain fine-tune (whole 4:3 frame, flips only, one cosine stage,
            // cross-entropy) and post-hoc prior correction with tau chosen on validation. Balancing instead reached 71.6 %;
            // DermLens's full augmentation under-fits in so few epochs (0.43 against 0.58 balanced accuracy at 96x128).
            // Six epochs at 150x200 reach 76.4 % on validation in 73 minutes.
            ImageSize = new InputSize(144, 192), Epochs = 5, LearningRate = 0.01, Schedule = "cosine", LrSpread = 1, HeadEpochs = 0,
            Loss = ClassificationLoss.CrossEntropy, Augment = AugmentationOptions.Flips, PriorCorrection = Evaluation.PriorCorrection.Auto,
            EarlyStopMetric = "balanced-accuracy",
        }),
        ("demo", defaults => defaults with
        {
            // From scratch on ~1,000 small synthetic images, small batches, a high cosine rate and mild crops learn fastest;
            // patience as long as the run, so the demo always shows every epoch.
            Epochs = 14, ImageSize = 64, BatchSize = 16, LearningRate = 0.03, Schedule = "cosine", LrSpread = 1, HeadEpochs = 0,
            Loss = ClassificationLoss.CrossEntropy, MinCropScale = 0.6, Patience = 14,
        }),
    ]);

    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The preset's options over the defaults of <see cref="TrainOptions"/> (which are baseline's); every verb that
    /// trains starts here and applies the options given to it on top.</summary>
    public static TrainOptions Preset(string name) => Preset(name, new TrainOptions());

    /// <summary>The preset's options over other defaults; explicit user options are applied on top with a <c>with</c> expression.</summary>
    public static TrainOptions Preset(string name, TrainOptions defaults) => All.Get(name)(defaults);

    /// <summary>The stages a run goes through: an optional frozen-backbone head fit, then the whole network.</summary>
    public static IReadOnlyList<TrainStage> Stages(TrainOptions o, int groupCount)
    {
        double rate = o.PeakLearningRate();
        var stages = new List<TrainStage>();
        var all = Enumerable.Repeat(true, groupCount).ToArray();
        if (HasHeadStage(o, groupCount))
            stages.Add(new TrainStage("head", o.HeadEpochs, new CosineSchedule(rate, rate / 10),
                Enumerable.Repeat(1.0, groupCount).ToArray(), FirstStageTrainable(o, groupCount)));
        var (schedule, epochs) = MainSchedule(o, rate);
        stages.Add(new TrainStage(stages.Count == 0 ? "all" : "unfrozen", epochs, schedule, TrainStage.Spread(groupCount, o.LrSpread), all));
        return stages;
    }

    /// <summary>Which layer groups the first stage trains: only the head when there is a head stage, else all.</summary>
    public static bool[] FirstStageTrainable(TrainOptions o, int groupCount) =>
        Enumerable.Range(0, groupCount).Select(g => !HasHeadStage(o, groupCount) || g == groupCount - 1).ToArray();

    static bool HasHeadStage(TrainOptions o, int groupCount) => o.HeadEpochs > 0 && groupCount > 1;

    static (ISchedule Schedule, int Epochs) MainSchedule(TrainOptions o, double rate)
    {
        var schedule = ScheduleFactory.Create(o.Schedule, new ScheduleOptions
        {
            MaxLr = rate, MinLr = rate / 100,
            Cycles = o.Cycles, CycleLength = o.CycleLength, CycleMult = o.CycleMult, RestartDecay = o.RestartDecay,
        });
        // SGDR's length follows from its cycles; the other schedules stretch over the requested epochs.
        return (schedule, schedule is SgdrSchedule sgdr ? (int)Math.Ceiling(sgdr.TotalEpochs) : o.Epochs);
    }
}
