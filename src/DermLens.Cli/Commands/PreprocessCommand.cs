using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Imaging.Preprocessing;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens preprocess IN OUT --steps ...`: applies a preprocessing chain to images, writing PNGs.</summary>
sealed class PreprocessCommand : Command<PreprocessCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<IN>"), Description("Image file or folder (searched recursively)")] public string In { get; init; } = "";
        [CommandArgument(1, "<OUT>"), Description("Folder for the PNGs (input layout mirrored), preprocess_log.csv and contact_sheet.png")] public string Out { get; init; } = "";
        [CommandOption("--steps <CHAIN>"), Known(Known.PreprocessSteps, "Preprocessing chain, comma-separated")] public string Steps { get; init; } = "";
        [CommandOption("--threads <N>"), Description("Images processed at once (default: all cores)")] public int? Threads { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Steps) ? ValidationResult.Error("--steps <CHAIN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var chain = PreprocessChain.Parse(settings.Steps);
        var total = PreprocessJob.ListInputs(settings.In).Files.Count;
        PreprocessOutcome outcome = null!;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"preprocessing ({chain})", maxValue: total);
            outcome = new PreprocessJob(settings.In, settings.Out, chain)
            {
                Parallelism = settings.Threads ?? Environment.ProcessorCount,
                Progress = new SyncProgress<int>(done => task.Value = done),
            }.Run(ct);
        });
        int noted = outcome.Files.Count(f => f.Error == null && f.Notes.Count > 0);
        AnsiConsole.MarkupLineInterpolated($"Wrote {outcome.Written} of {outcome.Files.Count} images to [bold]{Path.GetFullPath(settings.Out)}[/] ({outcome.ImagesPerSecond:0.0} images/s); {noted} with notes in {PreprocessJob.LogName}");
        foreach (var failed in outcome.Failed.Take(10)) AnsiConsole.MarkupLineInterpolated($"[red]failed[/] {failed.File}: {failed.Error}");
        return outcome.Failed.Any() ? 1 : 0;
    }
}
