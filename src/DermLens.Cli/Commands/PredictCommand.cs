using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens predict`: top-k classes per image as a table, JSON or CSV.</summary>
sealed class PredictCommand : Command<PredictCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <RUN>"), Description("Run folder written by train")] public string Run { get; init; } = "";
        [CommandOption("--onnx <FILE>"), Description("Score with a model written by export (and its FILE.json) through ONNX Runtime instead of a run; one view, no TorchSharp")]
        public string? Onnx { get; init; }
        [CommandArgument(0, "<IMAGES>"), Description("Image files")] public string[] Images { get; init; } = [];
        [CommandOption("--top <K>"), DefaultValue(3)] public int Top { get; init; }
        [CommandOption("--json"), Description("Print JSON")] public bool Json { get; init; }
        [CommandOption("--csv"), Description("Print CSV")] public bool Csv { get; init; }
        [CommandOption("--preprocess <STEPS>"), Known(Known.PreprocessSteps, "Preprocessing chain, comma-separated; stored in the run and applied by evaluate, predict and explain too")]
        public string? Preprocess { get; init; }
        [CommandOption("--tta <NAME>"), Known(Known.Tta, "Test-time augmentation instead of the run's; flips scores 4 views, dihedral 8 (square inputs)")]
        public string? Tta { get; init; }
        [CommandOption("--device <DEV>"), Description("cpu, cuda or cuda:N (default cpu)")] public string? Device { get; init; }
        [CommandOption("--precision <P>"), Known(Known.Precisions, "auto: bf16 where the hardware has bf16 units, else fp32 (default auto)")] public string? Precision { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Onnx))
                return string.IsNullOrWhiteSpace(Run) ? ValidationResult.Error("--run <RUN> or --onnx <FILE> is required") : ValidationResult.Success();
            if (!string.IsNullOrWhiteSpace(Run)) return ValidationResult.Error("--run and --onnx exclude each other: the ONNX file's sidecar says how to score");
            var unsupported = new[] { ("--tta", Tta), ("--preprocess", Preprocess), ("--device", Device), ("--precision", Precision) }
                .Where(o => o.Item2 != null).Select(o => o.Item1).ToList();
            return unsupported.Count == 0 ? ValidationResult.Success()
                : ValidationResult.Error($"{string.Join(", ", unsupported)} not supported with --onnx: ONNX Runtime scores one fp32 view on the CPU with the sidecar's preprocessing");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var results = settings.Onnx != null ? PredictOnnx(settings.Onnx, settings) : PredictRun(settings);
        if (settings.Json) Console.WriteLine(ToJson(results));
        else if (settings.Csv) Console.Write(ToCsv(results));
        else PrintTable(results);
        return results.Any(r => r.Error != null) ? 1 : 0;
    }

    static IReadOnlyList<ImagePrediction> PredictRun(Settings settings)
    {
        using var predictor = new Predictor(RunFolder.Open(settings.Run), new InferenceOptions
        {
            Device = settings.Device ?? "cpu", Preprocess = settings.Preprocess, Precision = settings.Precision ?? "auto", Tta = settings.Tta,
        });
        if (predictor.PreprocessWarning != null) Console.Error.WriteLine("Warning: " + predictor.PreprocessWarning);
        return predictor.PredictAll(settings.Images, settings.Top);
    }

    // A method of its own, so that scoring an ONNX file never touches a type that starts TorchSharp.
    static IReadOnlyList<ImagePrediction> PredictOnnx(string onnx, Settings settings)
    {
        using var predictor = new OnnxPredictor(onnx);
        if (predictor.Warning != null) Console.Error.WriteLine("Warning: " + predictor.Warning);
        return predictor.PredictAll(settings.Images, settings.Top);
    }

    static void PrintTable(IEnumerable<ImagePrediction> results)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("image", "prediction");
        bool screens = results.Any(r => r.Referral != null);
        if (screens) table.AddColumn("referral (P malignant)");
        foreach (var r in results)
        {
            var cells = new List<string>
            {
                Markup.Escape(r.Path), r.Error != null
                    ? $"[red]{Markup.Escape(r.Error)}[/]"
                    : string.Join("  ·  ", r.Top.Select(t => Markup.Escape($"{t.Class} {t.Probability:F3}"))),
            };
            if (screens)
                cells.Add(r.Referral is { } referral
                    ? (referral.Refer ? "[bold red]refer[/]" : "no") + Markup.Escape($" ({referral.MalignantScore.ToString("F3", CultureInfo.InvariantCulture)})")
                    : "");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    static string ToJson(IEnumerable<ImagePrediction> results) => JsonSerializer.Serialize(
        results.Select(r => new
        {
            image = r.Path,
            error = r.Error,
            top = r.Top.Select(t => new { @class = t.Class, probability = t.Probability }),
            referral = r.Referral is { } referral ? new { malignantScore = referral.MalignantScore, refer = referral.Refer } : null,
        }), new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    static string ToCsv(IEnumerable<ImagePrediction> results)
    {
        var lines = new List<string> { "image,rank,class,probability,error,malignant_score,refer" };
        foreach (var r in results)
        {
            if (r.Error != null) { lines.Add($"{CsvTable.Quote(r.Path)},,,,{CsvTable.Quote(r.Error)},,"); continue; }
            var referral = r.Referral is { } x ? $"{x.MalignantScore.ToString("0.######", CultureInfo.InvariantCulture)},{(x.Refer ? "yes" : "no")}" : ",";
            lines.AddRange(r.Top.Select((t, i) =>
                $"{CsvTable.Quote(r.Path)},{i + 1},{CsvTable.Quote(t.Class)},{t.Probability.ToString("0.######", CultureInfo.InvariantCulture)},,{referral}"));
        }
        return string.Join('\n', lines) + "\n";
    }
}
