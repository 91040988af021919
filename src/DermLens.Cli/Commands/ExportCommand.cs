using System.ComponentModel;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens export`: a run's model as an ONNX file with its sidecar JSON.</summary>
sealed class ExportCommand : Command<ExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--format <FORMAT>"), Known(Known.ExportFormats, "What to write"), DefaultValue("onnx")] public string Format { get; init; } = "onnx";
        [CommandOption("--out <FILE>"), Description("File to write (default: RUN/model.onnx); the sidecar JSON goes beside it as FILE.json")] public string? Out { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var result = new ExportJob(RunFolder.Open(settings.Run)) { Format = settings.Format, Out = settings.Out }.Run();
        foreach (var warning in result.Warnings) Console.Error.WriteLine("Warning: " + warning);
        var described = result.Description;
        AnsiConsole.MarkupLineInterpolated($"{described.Arch}, {described.Classes.Count} classes: input '{described.Input}' (N, 3, {described.InputSize.Height}, {described.InputSize.Width}) {described.InputRange}, output '{described.Output}' then {described.Activation}");
        AnsiConsole.MarkupLineInterpolated($"Model: [bold]{result.Model}[/]");
        AnsiConsole.MarkupLineInterpolated($"Sidecar: [bold]{result.Sidecar}[/]");
        return 0;
    }
}
