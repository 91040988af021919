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

/// <summary>The name lists of the library's registries that options take a name from.</summary>
enum Known { Architectures, Formats, Recipes, Schedules, Losses, EarlyStopMetrics, LrRules, Tta, Precisions, Methods, Augmentations, PreprocessSteps }

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
        Known.PreprocessSteps => PreprocessSteps.Known,
        _ => string.Join(", ", list switch
        {
            Known.Architectures => ModelRegistry.Names,
            Known.Formats => DataSources.Formats,
            Known.Recipes => Recipes.Names,
            Known.Schedules => ScheduleFactory.Names,
            Known.Losses => ClassificationLoss.Kinds.Names,
            Known.EarlyStopMetrics => EarlyStopping.Names,
            Known.LrRules => LrRules.Names,
            Known.Tta => TestTimeAugmentation.Names,
            Known.Precisions => PrecisionChoice.Names,
            Known.Methods => ExplanationMethods.Names,
            Known.Augmentations => AugmentationOptions.Names,
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        }),
    };
}
