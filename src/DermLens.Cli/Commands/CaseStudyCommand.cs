using System.ComponentModel;
using DermLens.Interpretation;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens casestudy`: Grad-CAM and Guided Backprop panels of misclassified test images of the most-confused pairs.</summary>
sealed class CaseStudyCommand : Command<CaseStudyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--min-errors <N>"), Description("Study pairs with at least N test errors, both directions together"), DefaultValue(5)]
        public int MinErrors { get; init; } = 5;
        [CommandOption("--per-direction <N>"), Description("Misclassified images per direction of a pair, most confident mistakes first"), DefaultValue(3)]
        public int PerDirection { get; init; } = 3;
        [CommandOption("--fallback-pairs <N>"), Description("Pairs studied when none reaches --min-errors"), DefaultValue(3)]
        public int FallbackPairs { get; init; } = 3;
        [CommandOption("--max-pairs <N>"), Description("Study at most N pairs, the most confused first (default: every pair that qualifies)")]
        public int? MaxPairs { get; init; }
        [CommandOption("--layer <MODULE>"), Description("CAM target layer by module name (default: the architecture's last stage)")] public string? Layer { get; init; }
        [CommandOption("--out <DIR>"), Description("Output folder (default: RUN/casestudy)")] public string? Out { get; init; }
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32"), DefaultValue("auto")] public string Precision { get; init; } = "auto";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var result = Study(new CaseStudyJob(RunFolder.Open(settings.Run))
        {
            MinErrors = settings.MinErrors, PerDirection = settings.PerDirection, FallbackPairs = settings.FallbackPairs,
            MaxPairs = settings.MaxPairs ?? int.MaxValue,
            Output = settings.Out, TargetLayer = settings.Layer, Device = settings.Device, Precision = settings.Precision,
            Message = m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]"),
        }, ct);
        return result.Entries.Count > 0 || result.Pairs.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs the job and prints the pairs and panels (also used by the demo).</summary>
    public static CaseStudyResult Study(CaseStudyJob job, CancellationToken ct)
    {
        var result = job.Run(ct);
        if (result.Pairs.Count == 0)
        {
            AnsiConsole.MarkupLine("No test image was misclassified: there is no confused pair to study.");
            return result;
        }
        if (result.BelowThreshold)
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]No pair has {job.MinErrors} or more test errors; showing the {result.Pairs.Count} most-confused pair(s) instead.[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("pair", "errors", "true → predicted", "top-2", "panel");
        foreach (var e in result.Entries)
            table.AddRow(Markup.Escape($"{e.Pair.A} / {e.Pair.B}"), e.Pair.Count.ToString(), Markup.Escape($"{e.True} → {e.Predicted}"),
                Markup.Escape(Reporting.CaseStudyPanel.TopText(e.Top)), Markup.Escape(e.Panel));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Wrote {result.Entries.Count} panels and {Path.GetFileName(result.Index)} to [bold]{result.Folder}[/]");
        return result;
    }
}
