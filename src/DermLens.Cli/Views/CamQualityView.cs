using System.Globalization;
using DermLens.Interpretation.Quality;
using DermLens.Runs;
using Spectre.Console;

using static DermLens.Cli.Views.Cells;

namespace DermLens.Cli.Views;

/// <summary>Prints CAM quality scores: one row per method, then the random and centred-Gaussian baselines, and which images were left out.</summary>
static class CamQualityView
{
    public static void Print(CamQualityReport report)
    {
        // Short one-word headings: a redirected console is 80 columns wide, and wrapped headings or method names read badly.
        var table = new Table().Border(TableBorder.Rounded).Title("CAM quality")
            .AddColumn(new TableColumn("method").NoWrap()).AddColumns("images", "pointing", "energy", "deletion", "insertion");
        foreach (var row in report.Rows)
        {
            var baseline = row.Method is CamQuality.RandomBaseline or CamQuality.GaussianBaseline;
            string Cell(double v) => baseline ? $"[grey]{Number(v)}[/]" : Number(v);
            table.AddRow(baseline ? $"[grey]{row.Method.EscapeMarkup()}[/]" : row.Method.EscapeMarkup(),
                row.Images.ToString(CultureInfo.InvariantCulture), Cell(row.PointingGame), Cell(row.EnergyInMask),
                Cell(row.DeletionAuc), Cell(row.InsertionAuc));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]pointing: share of images whose map peaks on the lesion (within {Localisation.Tolerance(224)} px at 224 px, scaled); energy: share of the positive map mass on the lesion; deletion / insertion: AUC of the true class's probability as pixels are removed to the image's mean colour (lower is better) / revealed (higher is better), most important first. Guided maps count by their largest absolute channel value.[/]");
        if (report.WithoutMask > 0)
            AnsiConsole.MarkupLineInterpolated($"[yellow]{report.WithoutMask} of {report.TestImages} test images have no lesion mask and were left out (HAM10000's lesion segmentations are a separate download: put its *_segmentation.png files under the data folder).[/]");
        foreach (var (id, reason) in report.Skipped)
            AnsiConsole.MarkupLineInterpolated($"[yellow]Skipped {id}: {reason}[/]");
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{report.Path}[/]");
    }

}
