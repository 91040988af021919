using System.ComponentModel;
using System.Globalization;
using DermLens.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens ablate`: the same model trained with no preprocessing, each step alone and all steps, side by side.</summary>
sealed class AblateCommand : Command<AblateCommand.Settings>
{
    /// <summary>The ablation's own options beside train's: every run trains as `train` would with the same options.</summary>
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--out <DIR>"), Description("Folder for the runs, ablation.csv and ablation.md")] public string Out { get; init; } = "";
        [CommandOption("--steps <STEPS>"), Known(Known.PreprocessSteps, "Steps compared, comma-separated")]
        public string Steps { get; init; } = "";
        [CommandOption("--seeds <LIST>"), Description("Comma-separated training seeds"), DefaultValue("0")]
        public string Seeds { get; init; } = "0";
        [CommandOption("--split-seed <N>"), Description("Seed of the train/validation/test split shared by every run"), DefaultValue(0)]
        public int SplitSeed { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Steps) ? ValidationResult.Error("--steps <STEPS> is required") : RequireDataAndOut(Out, "--out <DIR>");

        public AblationRequest ToAblationRequest() => new()
        {
            Training = ToRequest(Out), Steps = Steps, SplitSeed = SplitSeed,
            Seeds = Seeds.Split(',').Select(s => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
                : throw new DermLensException($"--seeds: '{s}' is not a whole number.")).ToList(),
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var request = settings.ToAblationRequest();
        new AblationJob(request) { Message = m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]") }.Run(ct);
        Console.WriteLine(File.ReadAllText(Path.Combine(request.Training.Out, AblationJob.TableName)));
        return 0;
    }
}
