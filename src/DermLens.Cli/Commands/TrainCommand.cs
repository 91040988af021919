using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens train`: trains a classifier into a run folder, or resumes one.</summary>
sealed class TrainCommand : Command<TrainCommand.Settings>
{
    /// <summary>train's own options beside the shared ones: where the run goes, resuming, TTA and a separate test set.</summary>
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--out <RUN>"), Description("Run folder to write (created if missing)")] public string? Out { get; init; }
        [CommandOption("--resume <RUN>"), Description("Continue an interrupted run from its last completed epoch")] public string? Resume { get; init; }
        [CommandOption("--overwrite"), Description("Train into a folder that is not empty, clearing the earlier run's files first")] public bool Overwrite { get; init; }
        [CommandOption("--tta <NAME>"), Known(Known.Tta, "Test-time augmentation stored in the run for evaluate and predict (default none); flips scores 4 views, dihedral 8 (square inputs)")]
        public string? Tta { get; init; }
        [CommandOption("--test-data <PATH>"), Description("A separate test set with the training classes (or some of them): all of --data trains, the final test runs on this")]
        public string? TestData { get; init; }
        [CommandOption("--test-format <NAME>"), Description("Format of --test-data (default: auto-detected)")] public string? TestFormat { get; init; }

        public override ValidationResult Validate() =>
            Resume != null && ConfigFile != null ? ValidationResult.Error("--resume continues a run from its own config; --config starts a new one")
            : Resume != null ? ValidationResult.Success()
            : RequireDataAndOut(Out, "--out <RUN>");

        public TrainRequest ToRequest()
        {
            var request = ToRequest(Resume ?? Out ?? "");
            return request with
            {
                Tta = Tta ?? request.Tta, TestData = TestData ?? request.TestData, TestFormat = TestFormat ?? request.TestFormat, Overwrite = Overwrite,
                // A separate test set given here replaces the config's held-out share, as it would replace the default one.
                TestFraction = TestData != null && TestFraction == null ? null : request.TestFraction,
            };
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var outcome = Train(settings.ToRequest(), ct, resume: settings.Resume != null);
        if (outcome.TestMetrics is { } metrics) MetricsView.Print(metrics);
        AnsiConsole.MarkupLineInterpolated($"Run folder: [bold]{outcome.Run.Path}[/]");
        return 0;
    }

    /// <summary>Runs a training job with progress bars; Ctrl+C stops after the current step, keeping the best checkpoint.</summary>
    public static TrainingOutcome Train(TrainRequest request, CancellationToken ct, bool resume = false)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return TrainingView.Run((progress, download, message) =>
            {
                var job = new TrainingJob(request) { Progress = progress, Download = download, Message = message };
                return resume ? job.Resume(interrupt.Token) : job.Run(interrupt.Token);
            });
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
