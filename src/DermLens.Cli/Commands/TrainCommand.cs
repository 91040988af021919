using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens train`: trains a classifier into a run folder.</summary>
sealed class TrainCommand : Command<TrainCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--out <RUN>"), Description("Run folder to write (created if missing)")]
        public string Out { get; init; } = "";

        [CommandOption("--arch <NAME>"), Description("resnet18|34|50|101|152, densenet121|161"), DefaultValue("resnet18")]
        public string Arch { get; init; } = "resnet18";

        [CommandOption("--epochs <N>"), DefaultValue(10)] public int Epochs { get; init; }
        [CommandOption("--batch-size <N>"), DefaultValue(32)] public int BatchSize { get; init; }
        [CommandOption("--image-size <PX>"), Description("Model input side in pixels"), DefaultValue(224)] public int ImageSize { get; init; }
        [CommandOption("--lr <RATE>"), Description("Peak learning rate (cosine-annealed)"), DefaultValue(0.01)] public double LearningRate { get; init; }
        [CommandOption("--momentum <M>"), DefaultValue(0.9)] public double Momentum { get; init; }
        [CommandOption("--weight-decay <W>"), DefaultValue(1e-4)] public double WeightDecay { get; init; }
        [CommandOption("--patience <N>"), Description("Early stopping: epochs without better validation loss"), DefaultValue(5)] public int Patience { get; init; }
        [CommandOption("--balanced"), Description("Oversample rare classes with fresh augmentation")] public bool Balanced { get; init; }
        [CommandOption("--min-crop <F>"), Description("Smallest image share a random crop keeps"), DefaultValue(0.35)] public double MinCropScale { get; init; }
        [CommandOption("--seed <N>"), DefaultValue(0)] public int Seed { get; init; }
        [CommandOption("--device <DEV>"), Description("cpu, cuda or cuda:N"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--test-fraction <F>"), DefaultValue(1.0 / 6)] public double TestFraction { get; init; }
        [CommandOption("--val-fraction <F>"), Description("Share of train kept for early stopping"), DefaultValue(0.1)] public double ValidationFraction { get; init; }
        [CommandOption("--split <CSV>"), Description("Reuse the split.csv of an earlier run")] public string? SplitFile { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out <RUN> is required") : base.Validate();

        public TrainRequest ToRequest() => new()
        {
            Data = Data, Format = Format, Arch = Arch, Out = Out, SplitFile = SplitFile,
            TestFraction = TestFraction, ValidationFraction = ValidationFraction,
            Train = new TrainOptions
            {
                Epochs = Epochs, BatchSize = BatchSize, ImageSize = ImageSize, LearningRate = LearningRate,
                Momentum = Momentum, WeightDecay = WeightDecay, Patience = Patience, Balanced = Balanced,
                Seed = Seed, Device = Device, MinCropScale = MinCropScale,
            },
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var outcome = Train(settings.ToRequest(), ct);
        MetricsView.Print(outcome.TestMetrics);
        AnsiConsole.MarkupLineInterpolated($"Run folder: [bold]{outcome.Run.Path}[/]");
        return 0;
    }

    /// <summary>Runs a training job with progress bars; Ctrl+C stops after the current step, keeping the best checkpoint.</summary>
    public static TrainingOutcome Train(TrainRequest request, CancellationToken ct)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return TrainingView.Run((progress, message) =>
                new TrainingJob(request) { Progress = progress, Message = message }.Run(interrupt.Token));
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
