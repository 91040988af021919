using System.Globalization;
using DermLens.Interpretation.Quality;
using DermLens.Runs;
using Spectre.Console;

using static DermLens.Cli.Views.Cells;

namespace DermLens.Cli.Views;

/// <summary>
/// Prints CAM quality scores: one row per method, then the random and centred-Gaussian baselines; then each method's
/// difference from the Gaussian, coloured where its interval excludes zero; and which images were left out.
/// </summary>
static class CamQualityView
{
    // Short one-word headings: a redirected console is 80 columns wide, and wrapped headings or method names read badly.
    static readonly string[] Headings = CamQualityMetric.All.Select(m => m.Column switch
    {
        "pointing_game" => "pointing",
        "energy_in_mask" => "energy",
        "deletion_auc" => "del",
        "insertion_auc" => "ins",
        "road_morf" => "MoRF",
        "road_lerf" => "LeRF",
        "road" => "ROAD",
        _ => m.Label,
    }).ToArray();

    public static void Print(CamQualityReport report)
    {
        var images = report.Rows.FirstOrDefault()?.Images ?? 0;
        var table = new Table().Border(TableBorder.Rounded).Title($"CAM quality ({images} images)")
            .AddColumn(new TableColumn("method").NoWrap()).AddColumns(Headings);
        foreach (var row in report.Rows)
        {
            var baseline = row.Method is CamQuality.RandomBaseline or CamQuality.GaussianBaseline;
            string Cell(double v) => baseline ? $"[grey]{Number(v)}[/]" : Number(v);
            table.AddRow(CamQualityMetric.All.Select(m => Cell(m.Of(row)))
                .Prepend(baseline ? $"[grey]{row.Method.EscapeMarkup()}[/]" : row.Method.EscapeMarkup()).ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]pointing: share of images whose map peaks on the lesion (within {Localisation.Tolerance(224)} px at 224 px, scaled); energy: share of the positive map mass on the lesion; del / ins: AUC of the true class's probability as pixels are removed to the image's mean colour (lower is better) / revealed (higher is better), most important first; MoRF / LeRF: ROAD's mean probability with the most (lower is better) / least (higher is better) relevant 10-90 % of pixels removed and filled from their neighbours; ROAD: (LeRF − MoRF) / 2. Guided maps count by their largest absolute channel value.[/]");
        PrintRelativeToGaussian(report);
        if (report.Imputations.Count > 0)
            AnsiConsole.MarkupLineInterpolated($"[grey]ROAD: {report.Imputations.Count} imputations, {(report.Imputations.Time.TotalMilliseconds / report.Imputations.Count).ToString("0.0", CultureInfo.InvariantCulture)} ms each.[/]");
        if (report.WithoutMask > 0)
            AnsiConsole.MarkupLineInterpolated($"[yellow]{report.WithoutMask} of {report.TestImages} test images have no lesion mask and were left out (HAM10000's lesion segmentations are a separate download: put its *_segmentation.png files under the data folder).[/]");
        foreach (var (id, reason) in report.Skipped)
            AnsiConsole.MarkupLineInterpolated($"[yellow]Skipped {id}: {reason}[/]");
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{report.Path}[/] and [bold]{report.RelativeToGaussianPath}[/]");
    }

    /// <summary>Differences from the Gaussian (its own row is zero by definition, so left out), then per method in words where it is better or worse.</summary>
    static void PrintRelativeToGaussian(CamQualityReport report)
    {
        var byMethod = report.RelativeToGaussian.Where(d => d.Method != CamQuality.GaussianBaseline)
            .GroupBy(d => d.Method).ToList();
        if (byMethod.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("minus the centred Gaussian")
            .AddColumn(new TableColumn("method").NoWrap()).AddColumns(Headings);
        foreach (var method in byMethod)
        {
            var cells = CamQualityMetric.All.Select(m => method.FirstOrDefault(d => d.Metric == m.Column) is { } d ? Coloured(d) : "–");
            table.AddRow(cells.Prepend(method.Key.EscapeMarkup()).ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]Mean per-image difference from the centred Gaussian; [green]green[/]: better than the Gaussian, [red]red[/]: worse, with the 95 % bootstrap interval over {report.BootstrapUnit} excluding zero; plain: no clear difference.[/]");
        foreach (var method in byMethod)
        {
            string Metrics(string verdict) => string.Join(", ", method.Where(d => d.Verdict == verdict)
                .Select(d => Headings[CamQualityMetric.All.ToList().FindIndex(m => m.Column == d.Metric)]));
            var (better, worse) = (Metrics(GaussianDifference.Better), Metrics(GaussianDifference.Worse));
            AnsiConsole.MarkupLineInterpolated($"{method.Key}: better than the Gaussian on {(better.Length > 0 ? better : "nothing")}; worse on {(worse.Length > 0 ? worse : "nothing")}.");
        }
    }

    static string Coloured(GaussianDifference d)
    {
        var text = d.Difference.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
        return d.Verdict switch
        {
            GaussianDifference.Better => $"[green]{text}[/]",
            GaussianDifference.Worse => $"[red]{text}[/]",
            _ => text,
        };
    }
}
