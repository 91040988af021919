using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Data.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens synth`: writes a synthetic lesion ImageFolder with masks.</summary>
sealed class SynthCommand : Command<SynthCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <DIR>"), Description("Folder to write")] public string Out { get; init; } = "";
        [CommandOption("--per-class <N>"), DefaultValue(100)] public int PerClass { get; init; }
        [CommandOption("--size <PX>"), DefaultValue(128)] public int Size { get; init; }
        [CommandOption("--seed <N>"), DefaultValue(0)] public int Seed { get; init; }
        [CommandOption("--confounders <P>"), Description("Probability of each confounder: uneven light, gamma, dermoscope vignette, hair"), DefaultValue(0.0)]
        public double Confounders { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out <DIR> is required") : ValidationResult.Success();

        public SyntheticOptions ToOptions() =>
            new SyntheticOptions(PerClass, Size, Seed).WithConfounders(Confounders);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        Generate(settings.Out, settings.ToOptions(), ct);
        AnsiConsole.MarkupLineInterpolated($"Wrote {settings.PerClass * SyntheticLesions.Classes.Count} images and masks to [bold]{Path.GetFullPath(settings.Out)}[/]");
        return 0;
    }

    public static void Generate(string outDir, SyntheticOptions options, CancellationToken ct)
    {
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("drawing synthetic lesions", maxValue: options.PerClass * SyntheticLesions.Classes.Count);
            SyntheticLesions.Generate(outDir, options, new SyncProgress<int>(done => task.Value = done), ct);
        });
    }
}
