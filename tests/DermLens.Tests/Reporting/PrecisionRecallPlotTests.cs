using DermLens.Evaluation;
using DermLens.Reporting;
using DermLens.Tests.Evaluation;
using SkiaSharp;

namespace DermLens.Tests.Reporting;

public class PrecisionRecallPlotTests
{
    // ScottPlot's first palette colour, the first class's curve: blue (#1f77b4).
    static bool IsFirstClassBlue(SKColor c) => Math.Abs(c.Red - 0x1f) < 30 && Math.Abs(c.Green - 0x77) < 30 && Math.Abs(c.Blue - 0xb4) < 30;

    [Fact]
    public void Writes_a_png_with_each_class_curve()
    {
        using var dir = new TempDir();
        var (truth, probabilities) = ScreeningPredictions.Make(400, seed: 22);
        var classes = ScreeningPredictions.Classes;
        PrecisionRecallPlot.Save(OneVsRestCurves.PerClass(truth, probabilities, classes), dir["pr.png"],
            OneVsRestCurves.Malignant(truth, probabilities, classes, ScreeningPredictions.Malignant), width: 900, height: 650);
        using var png = new PngFile(dir["pr.png"]);
        Assert.Equal((900, 650), (png.Width, png.Height));
        Assert.True(png.GreyVariance() > 200, "image looks blank");
        Assert.True(png.Count(IsFirstClassBlue) > 300, "first class's curve missing");
    }

    [Fact]
    public void A_set_with_no_positives_is_an_error_naming_the_file()
    {
        using var dir = new TempDir();
        var curves = OneVsRestCurves.PerClass([0, 0], [[0.9f, 0.1f], [0.6f, 0.4f]], ["nv", "mel"]).Skip(1).ToArray();
        var e = Assert.Throws<DermLensException>(() => PrecisionRecallPlot.Save(curves, dir["pr.png"]));
        Assert.Contains("pr.png", e.Message);
    }
}
