using System.ComponentModel;
using DermLens.Reporting;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens report`: one self-contained HTML page of a run, to open from disk.</summary>
sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--out <FILE>"), Description("HTML file to write (default: RUN/report.html)")] public string? Out { get; init; }
        [CommandOption("--casestudy <DIR>"), Description("Case-study folder, if casestudy wrote elsewhere than RUN/casestudy")] public string? CaseStudy { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var result = new RunReport(RunFolder.Open(settings.Run, requireModel: false)) { CaseStudyFolder = settings.CaseStudy }.Write(settings.Out);
        Print(result);
        return 0;
    }

    /// <summary>Prints the sections written, what was left out, and the page's path (also used by the demo).</summary>
    public static void Print(RunReportResult result)
    {
        AnsiConsole.MarkupLineInterpolated($"Sections: {string.Join(", ", result.Sections)}");
        foreach (var missing in result.Missing) AnsiConsole.MarkupLineInterpolated($"[grey]Left out: {missing}[/]");
        AnsiConsole.MarkupLineInterpolated($"Report: [bold]{result.Path}[/]");
    }
}
