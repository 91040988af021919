using System.ComponentModel;
using System.Globalization;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens compare`: two evaluated runs on the same test images, the paired difference and its interval.</summary>
sealed class CompareCommand : Command<CompareCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<RUN_A>"), Description("Run folder A (the reference), evaluated")] public string RunA { get; init; } = "";
        [CommandArgument(1, "<RUN_B>"), Description("Run folder B, evaluated on the same test images")] public string RunB { get; init; } = "";
        [CommandOption("--resamples <N>"), Description("Bootstrap resamples"), DefaultValue(2000)] public int Resamples { get; init; }
        [CommandOption("--seed <N>"), Description("Bootstrap seed"), DefaultValue(0)] public int Seed { get; init; }
        [CommandOption("--out <FILE>"), Description("Also write the comparison as JSON")] public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Resamples < 100 ? ValidationResult.Error($"--resamples must be at least 100, got {Resamples}") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var job = new CompareJob(RunFolder.Open(settings.RunA, requireModel: false), RunFolder.Open(settings.RunB, requireModel: false))
        {
            Resamples = settings.Resamples, Seed = settings.Seed,
        };
        var result = job.Run();
        var table = new Table().Border(TableBorder.Rounded).Title("B − A, paired")
            .Caption($"paired bootstrap over {result.Groups:N0} {result.Unit} ({result.Images:N0} images), {result.Resamples:N0} resamples, seed {settings.Seed}")
            .AddColumns("metric", "A", "B", "B − A", "95 % interval", "draws with B ≤ A");
        foreach (var m in result.Metrics)
            table.AddRow(m.Metric, F(m.A), F(m.B), Signed(m.Difference.Value), $"[{Signed(m.Difference.Low)}, {Signed(m.Difference.High)}]".EscapeMarkup(),
                m.ShareNotBetter.ToString("P1", CultureInfo.InvariantCulture));
        AnsiConsole.MarkupLineInterpolated($"A: [bold]{result.RunA}[/]");
        AnsiConsole.MarkupLineInterpolated($"B: [bold]{result.RunB}[/]");
        AnsiConsole.Write(table);
        foreach (var m in result.Metrics)
        {
            var verdict = m.Difference.Low > 0 ? "B is better" : m.Difference.High < 0 ? "A is better" : "the interval holds 0: these images do not tell the runs apart";
            AnsiConsole.MarkupLineInterpolated($"{m.Metric}: {verdict}");
        }
        if (settings.Out != null)
        {
            result.Save(settings.Out);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{settings.Out}[/]");
        }
        return 0;
    }

    static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    static string Signed(double v) => v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
