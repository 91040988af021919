using System.ComponentModel;
using System.Globalization;
using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens ablate`: the same model trained with no preprocessing, each step alone and all steps, side by side.</summary>
sealed class AblateCommand : Command<AblateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <PATH>"), Description("Data as for train")] public string Data { get; init; } = "";
        [CommandOption("--format <NAME>")] public string? Format { get; init; }
        [CommandOption("--out <DIR>"), Description("Folder for the runs, ablation.csv and ablation.md")] public string Out { get; init; } = "";
        [CommandOption("--steps <STEPS>"), Description("Steps compared, e.g. fov,roi,gamma=auto,illumination,color=shades-of-gray,hair")]
        public string Steps { get; init; } = "";
        [CommandOption("--arch <NAME>"), DefaultValue("resnet18")] public string Arch { get; init; } = "resnet18";
        [CommandOption("--pretrained"), Description("Start every run from ImageNet weights")] public bool Pretrained { get; init; }
        [CommandOption("--epochs <N>"), DefaultValue(5)] public int Epochs { get; init; }
        [CommandOption("--head-epochs <N>"), Description("Epochs with the backbone frozen before --epochs of the whole network (a cheap linear probe with --epochs 0 --pretrained)"), DefaultValue(0)]
        public int HeadEpochs { get; init; }
        [CommandOption("--image-size <PX|HxW>"), Description("Model input: a side or height x width, as train takes it"), DefaultValue("64")] public string ImageSize { get; init; } = "64";
        [CommandOption("--batch-size <N>"), DefaultValue(32)] public int BatchSize { get; init; }
        [CommandOption("--lr <RATE>"), DefaultValue(0.01)] public double LearningRate { get; init; }
        [CommandOption("--seeds <LIST>"), Description("Comma-separated training seeds"), DefaultValue("0")]
        public string Seeds { get; init; } = "0";
        [CommandOption("--split-seed <N>"), Description("Seed of the train/validation/test split shared by every run"), DefaultValue(0)]
        public int SplitSeed { get; init; }
        [CommandOption("--test-fraction <F>"), DefaultValue(1.0 / 6)] public double TestFraction { get; init; }
        [CommandOption("--val-fraction <F>"), DefaultValue(0.1)] public double ValidationFraction { get; init; }
        [CommandOption("--device <DEV>"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Description("auto (bf16 where the hardware has bf16 units, else fp32), fp32 or bf16"), DefaultValue("auto")] public string Precision { get; init; } = "auto";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data <PATH> is required")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out <DIR> is required")
            : string.IsNullOrWhiteSpace(Steps) ? ValidationResult.Error("--steps <STEPS> is required")
            : ValidationResult.Success();

        public AblationRequest ToRequest() => new()
        {
            Data = Data, Format = Format, Arch = Arch, Out = Out, Steps = Steps, Pretrained = Pretrained,
            TestFraction = TestFraction, ValidationFraction = ValidationFraction, SplitSeed = SplitSeed,
            Seeds = Seeds.Split(',').Select(s => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed
                : throw new DermLensException($"--seeds: '{s}' is not a whole number.")).ToList(),
            Train = new TrainOptions
            {
                Epochs = Epochs, HeadEpochs = HeadEpochs, ImageSize = InputSize.Parse(ImageSize), BatchSize = BatchSize, LearningRate = LearningRate, Device = Device, Precision = Precision,
            },
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var request = settings.ToRequest();
        new AblationJob(request) { Message = m => AnsiConsole.MarkupLineInterpolated($"[grey]{m}[/]") }.Run(ct);
        Console.WriteLine(File.ReadAllText(Path.Combine(request.Out, AblationJob.TableName)));
        return 0;
    }
}
