using DermLens.Reporting;
using DermLens.Training;
using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

public class TrainingCurvesPlotTests
{
    static List<EpochRecord> History(bool withValidation) => Enumerable.Range(1, 12)
        .Select(e => new EpochRecord(e, 2.0 / e, 1 - 0.8 / e,
            withValidation ? 2.2 / e + 0.02 * e : double.NaN,
            withValidation ? 1 - 0.9 / e : double.NaN, 0.01, 3.5))
        .ToList();

    // ScottPlot's first two palette colours: train blue (#1f77b4), validation orange (#ff7f0e).
    static bool IsTrainBlue(SKColor c) => Math.Abs(c.Red - 0x1f) < 30 && Math.Abs(c.Green - 0x77) < 30 && Math.Abs(c.Blue - 0xb4) < 30;
    static bool IsValidationOrange(SKColor c) => c.Red > 220 && Math.Abs(c.Green - 0x7f) < 30 && c.Blue < 60;

    [Fact]
    public void Writes_a_png_of_the_requested_size_with_both_series()
    {
        using var dir = new TempDir();
        TrainingCurvesPlot.Save(History(withValidation: true), dir["curves.png"], width: 900, height: 400);
        using var png = new PngFile(dir["curves.png"]);
        Assert.Equal((900, 400), (png.Width, png.Height));
        Assert.True(png.GreyVariance() > 200, "image looks blank");
        Assert.True(png.Count(IsTrainBlue) > 300, "training curves missing");
        Assert.True(png.Count(IsValidationOrange) > 300, "validation curves missing");
        var titleStrip = new SKRectI(0, 0, png.Width, 30);
        Assert.True(png.Count(PngFile.IsDark, titleStrip) > 50, "panel titles not rendered");
    }

    [Fact]
    public void Without_validation_only_training_curves_are_drawn()
    {
        using var dir = new TempDir();
        TrainingCurvesPlot.Save(History(withValidation: false), dir["curves.png"]);
        using var png = new PngFile(dir["curves.png"]);
        Assert.True(png.Count(IsTrainBlue) > 300);
        Assert.Equal(0, png.Count(IsValidationOrange));
    }

    [Fact]
    public void A_single_epoch_renders()
    {
        using var dir = new TempDir();
        TrainingCurvesPlot.Save(History(withValidation: true).Take(1).ToList(), dir["one.png"], bestEpoch: 1);
        using var png = new PngFile(dir["one.png"]);
        Assert.True(png.GreyVariance() > 100);
    }

    [Fact]
    public void An_empty_history_is_an_error_naming_the_file()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DermLensException>(() => TrainingCurvesPlot.Save([], dir["curves.png"]));
        Assert.Contains("curves.png", e.Message);
        Assert.False(File.Exists(dir["curves.png"]));
    }
}
