using System.ComponentModel;
using DermLens.Interpretation;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens explain`: Grad-CAM, Grad-CAM++, Guided Backprop or Guided Grad-CAM pictures and raw maps for image files.</summary>
sealed class ExplainCommand : Command<ExplainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandArgument(0, "<IMAGES>"), Description("Image files")] public string[] Images { get; init; } = [];
        [CommandOption("--method <METHOD>"), Description("gradcam, gradcam++, guided or guided-gradcam"), DefaultValue("gradcam")]
        public string Method { get; init; } = "gradcam";
        [CommandOption("--class <CLASS>"), Description("Class to explain (default: the predicted one)")] public string? Class { get; init; }
        [CommandOption("--layer <MODULE>"), Description("Target layer by module name (default: the architecture's last stage)")] public string? Layer { get; init; }
        [CommandOption("--out <DIR>"), Description("Output folder (default: RUN/explain)")] public string? Out { get; init; }
        [CommandOption("--preprocess <STEPS>"), Description("Preprocessing chain instead of the one the run was trained with (a different one is applied with a warning)")]
        public string? Preprocess { get; init; }
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var run = RunFolder.Open(settings.Run);
        var output = settings.Out ?? run.File("explain");
        using var job = new ExplainJob(run, settings.Method, settings.Layer, settings.Device, settings.Preprocess);
        if (job.PreprocessWarning != null) AnsiConsole.MarkupLineInterpolated($"[yellow]Warning: {job.PreprocessWarning}[/]");
        var results = settings.Images.Select(path => job.Explain(path, output, settings.Class)).ToList();

        var table = new Table().Border(TableBorder.Rounded).AddColumns("image", "class", "written");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Path), Markup.Escape(r.ClassName ?? ""),
                r.Error != null ? $"[red]{Markup.Escape(r.Error)}[/]" : Markup.Escape(string.Join("  ", r.Files)));
        AnsiConsole.Write(table);
        return results.Any(r => r.Error != null) ? 1 : 0;
    }
}
