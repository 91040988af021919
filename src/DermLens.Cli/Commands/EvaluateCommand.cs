using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Evaluation;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens evaluate`: scores a run's model on its test split or on other data.</summary>
sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--data <PATH>"), Description("Evaluate on this data instead of the run's test split")] public string? Data { get; init; }
        [CommandOption("--format <NAME>")] public string? Format { get; init; }
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32"), DefaultValue("auto")] public string Precision { get; init; } = "auto";
        [CommandOption("--preprocess <STEPS>"), Known(Known.PreprocessSteps, "Preprocessing chain, comma-separated; stored in the run and applied by evaluate, predict and explain too")]
        public string? Preprocess { get; init; }
        [CommandOption("--tta <NAME>"), Known(Known.Tta, "Test-time augmentation instead of the run's; flips scores 4 views, dihedral 8 (square inputs)")]
        public string? Tta { get; init; }
        [CommandOption("--snapshots <N>"), Description("Average the run's last N SGDR snapshots instead of its stored count (0: the best checkpoint alone)")]
        public int? Snapshots { get; init; }
        [CommandOption("--prior-correction <SETTING>"), Description("Post-hoc logit adjustment instead of the run's: none, auto (tau chosen on the run's validation part) or a tau")]
        public string? PriorCorrection { get; init; }
        [CommandOption("--calibration <SETTING>"), Known(Known.Calibration, "Calibration instead of the run's: temperature (fitted on the run's validation part) or none")]
        public string? Calibration { get; init; }
        [CommandOption("--malignant <CLASSES>"), Description("Screen these classes (comma-separated) as malignant instead of the run's, with a referral threshold fitted on its validation part; none: no screening")]
        public string? Malignant { get; init; }
        [CommandOption("--target-sensitivity <F>"), Description("Fit the referral threshold on the run's validation part for this sensitivity instead of the run's")]
        public double? TargetSensitivity { get; init; }
        [CommandOption("--min-pair <N>"), Description("Show confused pairs with at least N errors"), DefaultValue(1)] public int MinPair { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var run = RunFolder.Open(settings.Run);
        var metrics = AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("evaluating");
            var job = new EvaluationJob(run, settings.Data, settings.Format)
            {
                Options = new InferenceOptions
                {
                    Device = settings.Device, Precision = settings.Precision, Preprocess = settings.Preprocess, Tta = settings.Tta,
                    Snapshots = settings.Snapshots,
                    Scoring = new ScoreSettings
                    {
                        Calibration = settings.Calibration, PriorCorrection = settings.PriorCorrection,
                        Malignant = settings.Malignant, TargetSensitivity = settings.TargetSensitivity,
                    },
                },
                Progress = new SyncProgress<(int Done, int Total)>(p => { task.MaxValue = p.Total; task.Value = p.Done; }),
                Message = m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]"),
            };
            return job.Run(ct);
        });
        MetricsView.Print(metrics, settings.MinPair);
        if (File.Exists(run.Screening)) ScreeningView.Print(ScreeningReport.Load(run.Screening));
        if (metrics.Subgroups is { } subgroups) SubgroupsView.Print(subgroups);
        var written = new[]
        {
            run.Metrics, run.ConfusionMatrixCsv, run.ConfusionMatrixPlot, run.ConfusedPairs, run.Predictions, run.ReliabilityPlot,
            run.RocCsv, run.RocPlot, run.PrecisionRecallCsv, run.PrecisionRecallPlot, run.Screening, run.SubgroupsCsv,
        }.Where(File.Exists).Select(Path.GetFileName).Append("subgroups/");
        AnsiConsole.MarkupLineInterpolated($"Wrote {string.Join(", ", written)} in [bold]{run.Path}[/]");
        return 0;
    }
}
