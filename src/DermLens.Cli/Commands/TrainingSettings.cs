using System.ComponentModel;
using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>
/// The options of every verb that trains (train, lr-find, ablate), declared once: data, model, recipe and the
/// hyper-parameters, which are nullable so that unset ones keep the value they start from (the recipe's, or a config
/// file's) and set ones override it.
/// </summary>
abstract class TrainingSettings : CommandSettings
{
    const string DefaultArch = "resnet18", DefaultRecipe = "baseline";

    [CommandOption("--config <FILE>"), Description("Start from a run's config.json (or a file of its keys): data, architecture, weights, preprocessing, split shares and every training option; the options given beside it override it")]
    public string? ConfigFile { get; init; }
    [CommandOption("--data <PATH>"), Description("ImageFolder root, HAM10000 folder or CSV, ISIC CSV, or CIFAR-10 binary folder")]
    public string? Data { get; init; }
    [CommandOption("--format <NAME>"), Known(Known.Formats, "Override auto-detection")]
    public string? Format { get; init; }
    [CommandOption("--arch <NAME>"), Known(Known.Architectures, "Network (default resnet18)")]
    public string? Arch { get; init; }
    [CommandOption("--recipe <NAME>"), Known(Known.Recipes, "The preset the options below start from (default baseline); README, Training recipes, says what each sets")]
    public string? Recipe { get; init; }
    [CommandOption("--pretrained"), Description("Start from ImageNet weights: resnet18 from ML.NET's ResNet-18 (offline, converted once); the others torchvision's, downloaded once into $DERMLENS_CACHE (mirror: $DERMLENS_WEIGHTS_URL)")]
    public bool? Pretrained { get; init; }
    [CommandOption("--weights <FILE>"), Description("Start from a torchvision checkpoint (.pth or .safetensors) of the same architecture")]
    public string? Weights { get; init; }
    [CommandOption("--preprocess <STEPS>"), Known(Known.PreprocessSteps, "Preprocessing chain, comma-separated; stored in the run and applied by evaluate, predict and explain too")]
    public string? Preprocess { get; init; }
    [CommandOption("--epochs <N>"), Description("Epochs (default 10; SGDR derives them from its cycles)")] public int? Epochs { get; init; }
    [CommandOption("--batch-size <N>"), Description("default 32")] public int? BatchSize { get; init; }
    [CommandOption("--image-size <PX|HxW>"), Description("Model input in pixels: a side (square) or height x width, e.g. 150x200 for 4:3 dermoscopy (default 224)")] public string? ImageSize { get; init; }
    [CommandOption("--lr <RATE>"), Description("Peak learning rate of the head, or 'auto' for the LR range test (default 0.01)")] public string? LearningRate { get; init; }
    [CommandOption("--lr-rule <RULE>"), Known(Known.LrRules, "With --lr auto, how the LR range test's curve gives the rate (minimum: a tenth of the loss minimum's)")] public string? LrRule { get; init; }
    [CommandOption("--no-channels-last"), Description("Keep convolution weights contiguous (NCHW) while training")] public bool NoChannelsLast { get; init; }
    [CommandOption("--lr-spread <F>"), Description("Layer groups get LRs from lr/F to lr (default 1: no differential LRs)")] public double? LrSpread { get; init; }
    [CommandOption("--schedule <NAME>"), Known(Known.Schedules, "Learning-rate schedule")] public string? Schedule { get; init; }
    [CommandOption("--cycles <N>"), Description("SGDR cycles (default 3)")] public int? Cycles { get; init; }
    [CommandOption("--cycle-len <EPOCHS>"), Description("SGDR first cycle length (default 1)")] public double? CycleLength { get; init; }
    [CommandOption("--cycle-mult <F>"), Description("SGDR cycle growth factor (default 2)")] public double? CycleMult { get; init; }
    [CommandOption("--head-epochs <N>"), Description("Coarse fit of the head with the backbone frozen first (default 0)")] public int? HeadEpochs { get; init; }
    [CommandOption("--train-bn"), Description("BatchNorm layers keep training while the backbone is frozen (fastai's train_bn)")] public bool? TrainBatchNorm { get; init; }
    [CommandOption("--loss <NAME>"), Known(Known.Losses, "Loss; bce is BCE-with-logits on one-hot targets")] public string? Loss { get; init; }
    [CommandOption("--label-smoothing <EPS>")] public double? LabelSmoothing { get; init; }
    [CommandOption("--class-weights"), Description("Weight the loss by inverse class frequency")] public bool? ClassWeights { get; init; }
    [CommandOption("--logit-adjust <TAU>"), Description("Logit-adjusted cross-entropy (Menon et al. 2021): tau * log(class prior) added to the logits in the loss, for balanced accuracy (typical tau 1; default 0: off)")] public double? LogitAdjustment { get; init; }
    [CommandOption("--snapshots <N>"), Description("Snapshot ensemble: keep each SGDR cycle's end and average the last N at inference (default 0: best checkpoint only)")] public int? Snapshots { get; init; }
    [CommandOption("--restart-decay <F>"), Description("SGDR: each warm restart peaks at F times the previous cycle's peak (default 1)")] public double? RestartDecay { get; init; }
    [CommandOption("--momentum <M>")] public double? Momentum { get; init; }
    [CommandOption("--weight-decay <W>")] public double? WeightDecay { get; init; }
    [CommandOption("--patience <N>"), Description("Early stopping: epochs without a better validation metric (default 5)")] public int? Patience { get; init; }
    [CommandOption("--early-stop <METRIC>"), Known(Known.EarlyStopMetrics, "Validation metric that early stopping and the best checkpoint follow")] public string? EarlyStop { get; init; }
    [CommandOption("--balanced"), Description("Oversample rare classes with fresh augmentation")] public bool? Balanced { get; init; }
    [CommandOption("--augment <NAME>"), Known(Known.Augmentations, "Training augmentation: full is random crops, flips, rotation and colour jitter (the default); flips is flips only, like torchvision")] public string? Augment { get; init; }
    [CommandOption("--min-crop <F>"), Description("Smallest image share a random crop of full augmentation keeps (default 0.35)")] public double? MinCropScale { get; init; }
    [CommandOption("--prior-correction <SETTING>"), Description("Post-hoc logit adjustment stored in the run: none (default), auto (tau chosen on validation balanced accuracy) or a tau")] public string? PriorCorrection { get; init; }
    [CommandOption("--calibration <SETTING>"), Known(Known.Calibration, "After training: temperature (the default) fits one temperature on validation by log loss so that confidence matches accuracy; stored in the run")] public string? Calibration { get; init; }
    [CommandOption("--malignant <CLASSES>"), Description("Classes screened as malignant, comma-separated: a referral threshold on their summed probability is fitted on validation and stored (default auto: akiec,bcc,mel where the classes include them; none: no screening)")] public string? Malignant { get; init; }
    [CommandOption("--target-sensitivity <F>"), Description("Sensitivity the referral threshold is chosen to reach on validation (default 0.95)")] public double? TargetSensitivity { get; init; }
    [CommandOption("--seed <N>")] public int? Seed { get; init; }
    [CommandOption("--device <DEV>"), Description("cpu, cuda or cuda:N")] public string? Device { get; init; }
    [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32; bf16 keeps fp32 master weights")] public string? Precision { get; init; }
    [CommandOption("--test-fraction <F>"), Description("Share of --data held out for the final test (default 1/6; 0: none, evaluate later)")]
    public double? TestFraction { get; init; }
    [CommandOption("--val-fraction <F>"), Description("Share of train kept for early stopping (default 0.1)")] public double? ValidationFraction { get; init; }
    [CommandOption("--split <CSV>"), Description("Reuse the split.csv of an earlier run")] public string? SplitFile { get; init; }

    /// <summary>The options training starts from (the recipe's, or the config file's) with the ones given on the command line on top.</summary>
    public TrainOptions ToOptions() => ToOptions(Start("").Train);

    TrainOptions ToOptions(TrainOptions o)
    {
        if (MinCropScale != null && (Augment ?? o.Augment).ToLowerInvariant() == AugmentationOptions.Flips)
            throw new DermLensException("--min-crop sets the crops of --augment full; flips does not crop.");
        return o with
        {
            Epochs = Epochs ?? o.Epochs, BatchSize = BatchSize ?? o.BatchSize, ImageSize = ImageSize == null ? o.ImageSize : InputSize.Parse(ImageSize),
            LearningRate = LearningRate == null ? o.LearningRate : ParseLearningRate(LearningRate),
            LrRule = LrRule ?? o.LrRule, ChannelsLast = !NoChannelsLast && o.ChannelsLast,
            LrSpread = LrSpread ?? o.LrSpread, Schedule = Schedule ?? o.Schedule, Cycles = Cycles ?? o.Cycles,
            CycleLength = CycleLength ?? o.CycleLength, CycleMult = CycleMult ?? o.CycleMult, HeadEpochs = HeadEpochs ?? o.HeadEpochs, TrainBatchNorm = TrainBatchNorm ?? o.TrainBatchNorm,
            Loss = Loss ?? o.Loss, LabelSmoothing = LabelSmoothing ?? o.LabelSmoothing, ClassWeights = ClassWeights ?? o.ClassWeights,
            LogitAdjustment = LogitAdjustment ?? o.LogitAdjustment, Snapshots = Snapshots ?? o.Snapshots, RestartDecay = RestartDecay ?? o.RestartDecay,
            Momentum = Momentum ?? o.Momentum, WeightDecay = WeightDecay ?? o.WeightDecay, Patience = Patience ?? o.Patience,
            EarlyStopMetric = EarlyStop ?? o.EarlyStopMetric, Balanced = Balanced ?? o.Balanced, MinCropScale = MinCropScale ?? o.MinCropScale,
            Augment = Augment ?? o.Augment, PriorCorrection = PriorCorrection ?? o.PriorCorrection,
            Calibration = Calibration ?? o.Calibration, Malignant = Malignant ?? o.Malignant, TargetSensitivity = TargetSensitivity ?? o.TargetSensitivity,
            Seed = Seed ?? o.Seed, Device = Device ?? o.Device, Precision = Precision ?? o.Precision,
        };
    }

    static double? ParseLearningRate(string text) =>
        text.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lr) && lr > 0 ? lr
        : throw new DermLensException($"--lr must be a positive number or 'auto', got '{text}'.");

    /// <summary>What to train and how, writing to output; the verb adds what only it has.</summary>
    public TrainRequest ToRequest(string output)
    {
        var start = Start(output);
        var request = start with
        {
            Data = Data ?? start.Data, Format = Format ?? start.Format, Arch = Arch ?? start.Arch, SplitFile = SplitFile,
            TestFraction = TestFraction ?? start.TestFraction, ValidationFraction = ValidationFraction ?? start.ValidationFraction,
            Train = ToOptions(start.Train), Pretrained = Pretrained ?? start.Pretrained, Weights = Weights ?? start.Weights,
            Preprocess = Preprocess ?? start.Preprocess,
        };
        return request.Data != "" || ConfigFile == null ? request
            : throw new DermLensException($"{ConfigFile} names no data; give --data <PATH>.");
    }

    /// <summary>The request the options start from: a config file's, else the defaults with the recipe's training options.</summary>
    TrainRequest Start(string output)
    {
        if (ConfigFile == null) return new TrainRequest { Data = "", Arch = DefaultArch, Out = output, Train = Recipes.Preset(Recipe ?? DefaultRecipe) };
        if (Recipe != null)
            throw new DermLensException($"--recipe and --config both set the options training starts from; give one (the options given beside --config change {ConfigFile}'s).");
        var start = TrainConfigFile.Read(ConfigFile, output);
        return start.Arch == "" ? start with { Arch = DefaultArch } : start;
    }

    /// <summary>--data (unless a config file names it) and the verb's --out (named as its help names it) are required.</summary>
    protected ValidationResult RequireDataAndOut(string? output, string outOption) =>
        string.IsNullOrWhiteSpace(Data) && ConfigFile == null ? ValidationResult.Error("--data <PATH> (or --config <FILE>) is required")
        : string.IsNullOrWhiteSpace(output) ? ValidationResult.Error($"{outOption} is required")
        : ValidationResult.Success();
}
