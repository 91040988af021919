using DermLens.Evaluation;
using DermLens.Reporting;
using DermLens.Tests.Evaluation;
using SkiaSharp;

namespace DermLens.Tests.Reporting;

public class RocCurvesPlotTests
{
    static readonly string[] Classes = ScreeningPredictions.Classes;

    static bool IsMarkerMagenta(SKColor c) => c.Red > 200 && c.Green < 60 && c.Blue > 200;

    static (IReadOnlyList<OneVsRestCurves> PerClass, OneVsRestCurves Malignant, ScreeningReport Screening) Curves()
    {
        var (truth, probabilities) = ScreeningPredictions.Make(400, seed: 21);
        var rule = ReferralRule.Fit(ScreeningPredictions.Malignant, truth, probabilities, Classes, 0.9);
        return (OneVsRestCurves.PerClass(truth, probabilities, Classes),
            OneVsRestCurves.Malignant(truth, probabilities, Classes, ScreeningPredictions.Malignant),
            ScreeningReport.Compute(truth, probabilities, Classes, ScreeningPredictions.Malignant, rule));
    }

    [Fact]
    public void Writes_a_png_with_every_curve_and_the_operating_points_marked()
    {
        using var dir = new TempDir();
        var (perClass, malignant, screening) = Curves();
        RocCurvesPlot.Save(perClass, dir["plots/roc.png"], malignant, screening, width: 1000, height: 700);
        using var png = new PngFile(dir["plots/roc.png"]);
        Assert.Equal((1000, 700), (png.Width, png.Height));
        Assert.True(png.GreyVariance() > 200, "image looks blank");
        Assert.True(png.Count(IsMarkerMagenta) > 4 * 40, "operating points (and their legend entries) missing");
    }

    [Fact]
    public void Without_a_screening_report_nothing_is_marked()
    {
        using var dir = new TempDir();
        var (perClass, malignant, _) = Curves();
        RocCurvesPlot.Save(perClass, dir["roc.png"], malignant);
        using var png = new PngFile(dir["roc.png"]);
        Assert.True(png.GreyVariance() > 200);
        Assert.Equal(0, png.Count(IsMarkerMagenta));
    }

    [Fact]
    public void A_set_with_no_curve_to_draw_is_an_error_naming_the_file()
    {
        using var dir = new TempDir();
        var curves = OneVsRestCurves.PerClass([0, 0], [[0.9f, 0.1f], [0.6f, 0.4f]], ["nv", "mel"]);
        var e = Assert.Throws<DermLensException>(() => RocCurvesPlot.Save(curves, dir["roc.png"]));
        Assert.Contains("roc.png", e.Message);
        Assert.False(File.Exists(dir["roc.png"]));
    }
}
