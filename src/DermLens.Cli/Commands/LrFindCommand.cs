using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens lr-find`: the learning-rate range test on a fresh model, with a plot and suggestions.</summary>
sealed class LrFindCommand : Command<LrFindCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <PATH>"), Description("ImageFolder root, HAM10000 folder or CSV, ISIC CSV, or CIFAR-10 binary folder")]
        public string Data { get; init; } = "";
        [CommandOption("--format <NAME>"), Description("Override auto-detection: imagefolder, ham10000, isic, cifar10")]
        public string? Format { get; init; }
        [CommandOption("--out <RUN>"), Description("Run folder to write lr_find.csv and lr_find.png into")] public string Out { get; init; } = "";
        [CommandOption("--arch <NAME>"), Description("resnet18|34|50|101|152, densenet121|161"), DefaultValue("resnet18")] public string Arch { get; init; } = "resnet18";
        [CommandOption("--pretrained"), Description("Sweep from ImageNet weights, as train --pretrained starts")] public bool Pretrained { get; init; }
        [CommandOption("--weights <FILE>"), Description("Sweep from a torchvision checkpoint, as train --weights starts")] public string? Weights { get; init; }
        [CommandOption("--loss <NAME>"), Description("ce or bce, the loss training will use"), DefaultValue("ce")] public string Loss { get; init; } = "ce";
        [CommandOption("--image-size <PX|HxW>"), Description("Model input: a side or height x width, as train takes it"), DefaultValue("224")] public string ImageSize { get; init; } = "224";
        [CommandOption("--batch-size <N>"), DefaultValue(32)] public int BatchSize { get; init; }
        [CommandOption("--iterations <N>"), Description("Mini-batches in the sweep"), DefaultValue(100)] public int Iterations { get; init; }
        [CommandOption("--start-lr <RATE>"), DefaultValue(1e-7)] public double StartLr { get; init; }
        [CommandOption("--end-lr <RATE>"), DefaultValue(10.0)] public double EndLr { get; init; }
        [CommandOption("--seed <N>"), Description("Seed of the split and the model, as in train"), DefaultValue(0)] public int Seed { get; init; }
        [CommandOption("--device <DEV>"), Description("cpu, cuda or cuda:N"), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        [CommandOption("--precision <P>"), Description("auto (bf16 where the hardware has bf16 units, else fp32), fp32 or bf16"), DefaultValue("auto")] public string Precision { get; init; } = "auto";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data <PATH> is required")
            : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out <RUN> is required")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken ct)
    {
        var request = new TrainRequest
        {
            Data = s.Data, Format = s.Format, Arch = s.Arch, Out = s.Out, Pretrained = s.Pretrained, Weights = s.Weights,
            Train = new TrainOptions { ImageSize = InputSize.Parse(s.ImageSize), BatchSize = s.BatchSize, Seed = s.Seed, Device = s.Device, Loss = s.Loss, Precision = s.Precision },
        };
        var options = new LrFinderOptions { Iterations = s.Iterations, StartLr = s.StartLr, EndLr = s.EndLr };
        var outcome = LrFinderView.Run((progress, message) =>
            new LrFindJob(request, options) { Progress = progress, Message = message }.Run(ct));
        LrFinderView.Print(outcome.Result);
        AnsiConsole.MarkupLineInterpolated($"Plot: [bold]{outcome.PlotPath}[/]  (data: {outcome.CsvPath})");
        return 0;
    }
}
