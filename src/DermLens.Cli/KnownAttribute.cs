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
    public override string Description => Markup.Escape($"{base.Description} ({NamesOf(list)})");

    static string NamesOf(Known list) => list switch
    {
        Known.Architectures => ModelRegistry.All.Known,
        Known.Formats => DataSources.ByFormat.Known,
        Known.Recipes => Recipes.All.Known,
        Known.Schedules => ScheduleFactory.All.Known,
        Known.Losses => ClassificationLoss.Kinds.Known,
        Known.EarlyStopMetrics => EarlyStopping.All.Known,
        Known.LrRules => LrRules.All.Known,
        Known.Tta => TestTimeAugmentation.All.Known,
        Known.Precisions => PrecisionChoice.All.Known,
        Known.Methods => ExplanationMethods.All.Known,
        Known.Smoothings => CamSmoothings.All.Known,
        Known.Augmentations => AugmentationOptions.All.Known,
        Known.PreprocessSteps => PreprocessSteps.All.Known,
        Known.Calibration => TemperatureScaling.Settings.Known,
        Known.ExportFormats => Runs.ExportJob.Formats.Known,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };
}
