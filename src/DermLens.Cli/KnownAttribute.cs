using System.ComponentModel;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Interpretation;
using DermLens.Models;
using DermLens.Training;
using DermLens.Training.Schedules;
using Spectre.Console;

namespace DermLens.Cli;

/// <summary>The library's registries that options take a name from.</summary>
enum Known { Architectures, Formats, Recipes, Schedules, Losses, EarlyStopMetrics, LrRules, Tta, Precisions, Methods, Smoothings, Augmentations, PreprocessSteps, Calibration, ExportFormats }

/// <summary>
/// An option's help: its text, then the names the library knows for it, read from the registry when help is shown, so
/// that help cannot fall behind the code (a new architecture or schedule appears in every verb's help by itself).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class KnownAttribute(Known list, string text) : DescriptionAttribute(text)
{
    // Spectre renders help as markup, and step usages such as roi[:margin=F] hold brackets.
    public override string Description => Markup.Escape($"{base.Description} ({RegistryOf(list).Known})");

    /// <summary>The names the option takes, for shell completion.</summary>
    public IReadOnlyList<string> Names => RegistryOf(list).Names;

    static IRegistry RegistryOf(Known list) => list switch
    {
        Known.Architectures => ModelRegistry.All,
        Known.Formats => DataSources.ByFormat,
        Known.Recipes => Recipes.All,
        Known.Schedules => ScheduleFactory.All,
        Known.Losses => ClassificationLoss.Kinds,
        Known.EarlyStopMetrics => EarlyStopping.All,
        Known.LrRules => LrRules.All,
        Known.Tta => TestTimeAugmentation.All,
        Known.Precisions => PrecisionChoice.All,
        Known.Methods => ExplanationMethods.All,
        Known.Smoothings => CamSmoothings.All,
        Known.Augmentations => AugmentationOptions.All,
        Known.PreprocessSteps => PreprocessSteps.All,
        Known.Calibration => TemperatureScaling.Settings,
        Known.ExportFormats => Runs.ExportJob.Formats,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };
}
