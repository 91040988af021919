using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>Options shared by verbs that read a data set.</summary>
class DataSettings : CommandSettings
{
    [CommandOption("--data <PATH>"), Description("ImageFolder root, HAM10000 folder or CSV, ISIC CSV, or CIFAR-10 binary folder")]
    public string Data { get; init; } = "";

    [CommandOption("--format <NAME>"), Description("Override auto-detection: imagefolder, ham10000, isic, cifar10")]
    public string? Format { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Data) ? ValidationResult.Error("--data <PATH> is required") : ValidationResult.Success();
}
