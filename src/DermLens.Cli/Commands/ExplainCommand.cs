using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Interpretation;
using DermLens.Interpretation.Quality;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens explain`: CAM (Grad-CAM, LayerCAM, Score-CAM, ...) or Guided Backprop pictures and raw maps for image files; with --score, every method's localisation and faithfulness on the run's masked test images.</summary>
sealed class ExplainCommand : Command<ExplainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandArgument(0, "[IMAGES]"), Description("Image files (not with --score)")] public string[] Images { get; init; } = [];
        [CommandOption("--method <METHOD>"), Known(Known.Methods, $"Explanation method (default: {DefaultExplanation.Title}, the best of the cheap methods on the CAM-quality benchmark)")]
        public string? Method { get; init; }
        [CommandOption("--class <CLASS>"), Description("Class to explain (default: the predicted one)")] public string? Class { get; init; }
        [CommandOption("--layer <MODULE>"), Description("Target layer by module name, several joined by + to fuse (layer3+layer4), or fused for the architecture's fused layers (default: its last stage)")]
        public string? Layer { get; init; }
        [CommandOption("--smooth <LIST>"), Known(Known.Smoothings, "CAM smoothing, comma-separated (aug: flips and quarter turns, 8 passes; eigen: first principal component); without --method, the default method's")]
        public string? Smooth { get; init; }
        [CommandOption("--out <DIR>"), Description("Output folder (default: RUN/explain)")] public string? Out { get; init; }
        [CommandOption("--preprocess <STEPS>"), Known(Known.PreprocessSteps, "Preprocessing chain, comma-separated; stored in the run and applied by evaluate, predict and explain too")]
        public string? Preprocess { get; init; }
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32"), DefaultValue("auto")] public string Precision { get; init; } = "auto";
        [CommandOption("--score"), Description("Score every method on the run's test images that have lesion masks; writes cam_quality.csv")]
        public bool Score { get; init; }
        [CommandOption("--limit <N>"), Description("With --score: at most N masked test images")] public int? Limit { get; init; }
        [CommandOption("--methods <LIST>"), Known(Known.Methods, "With --score: the methods to score, comma-separated (default: all)")]
        public string? Methods { get; init; }
        [CommandOption("--batch-size <N>"), Description("With --score: images per batch"), DefaultValue(16)] public int BatchSize { get; init; } = 16;
        [CommandOption("--steps <N>"), Description("With --score: deletion and insertion steps"), DefaultValue(20)] public int Steps { get; init; } = 20;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> is required")
            : Score && Images.Length > 0 ? ValidationResult.Error("--score measures the run's masked test images; give no image files with it")
            : !Score && Images.Length == 0 ? ValidationResult.Error("give image files to explain, or --score")
            : !Score && Methods != null ? ValidationResult.Error("--methods chooses what --score measures; for image files use --method")
            : Limit is < 1 ? ValidationResult.Error("--limit must be at least 1")
            : BatchSize < 1 ? ValidationResult.Error("--batch-size must be at least 1")
            : Steps < 1 ? ValidationResult.Error("--steps must be at least 1")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var run = RunFolder.Open(settings.Run);
        if (settings.Score) return Score(run, settings, CamSmoothings.Parse(settings.Smooth), ct);
        var smoothing = settings.Method == null && settings.Smooth == null ? DefaultExplanation.Smoothing : CamSmoothings.Parse(settings.Smooth);
        var output = settings.Out ?? run.Explanations;
        using var job = new ExplainJob(run, settings.Method ?? DefaultExplanation.Method, settings.Layer,
            new InferenceOptions { Device = settings.Device, Preprocess = settings.Preprocess, Precision = settings.Precision }, smoothing);
        if (job.PreprocessWarning != null) AnsiConsole.MarkupLineInterpolated($"[yellow]Warning: {job.PreprocessWarning}[/]");
        var results = job.ExplainAll(settings.Images, output, settings.Class);

        var table = new Table().Border(TableBorder.Rounded).AddColumns("image", "class", "written");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Path), Markup.Escape(r.ClassName ?? ""),
                r.Error != null ? $"[red]{Markup.Escape(r.Error)}[/]" : Markup.Escape(string.Join("  ", r.Files)));
        AnsiConsole.Write(table);
        return results.Any(r => r.Error != null) ? 1 : 0;
    }

    static int Score(RunFolder run, Settings settings, CamSmoothing smoothing, CancellationToken ct)
    {
        var report = AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("scoring explanations");
            var job = new CamQualityJob(run)
            {
                Limit = settings.Limit,
                Methods = settings.Methods?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                BatchSize = settings.BatchSize,
                Steps = settings.Steps,
                TargetLayerOverride = settings.Layer,
                Smoothing = smoothing,
                Device = settings.Device,
                Precision = settings.Precision,
                Progress = new SyncProgress<(int Done, int Total)>(p => { task.MaxValue = p.Total; task.Value = p.Done; }),
            };
            return job.Run(ct);
        });
        CamQualityView.Print(report);
        return 0;
    }
}
