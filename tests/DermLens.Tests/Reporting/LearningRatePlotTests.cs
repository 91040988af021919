using DermLens.Reporting;
using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

public class LearningRatePlotTests
{
    static double[] WarmRestarts() => new[] { 40, 80 }
        .SelectMany(cycle => Enumerable.Range(0, cycle).Select(i => 1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + Math.Cos(Math.PI * i / cycle))))
        .ToArray();

    [Fact]
    public void Writes_a_non_blank_png_of_the_requested_size()
    {
        using var dir = new TempDir();
        LearningRatePlot.Save(WarmRestarts(), dir["lr.png"], width: 640, height: 320);
        using var png = new PngFile(dir["lr.png"]);
        Assert.Equal((640, 320), (png.Width, png.Height));
        Assert.True(png.GreyVariance() > 200, "image looks blank");
        Assert.True(png.Count(c => c.Blue > 150 && c.Red < 80) > 200, "the schedule line is missing");
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(160, 0, 480, 30)) > 50, "title not rendered");
    }

    [Fact]
    public void Empty_or_invalid_rates_are_rejected()
    {
        using var dir = new TempDir();
        Assert.Throws<DermLensException>(() => LearningRatePlot.Save([], dir["lr.png"]));
        Assert.Contains("lr.png", Assert.Throws<DermLensException>(() => LearningRatePlot.Save([0.1, double.NaN], dir["lr.png"])).Message);
        Assert.Throws<DermLensException>(() => LearningRatePlot.Save([0.1, -0.1], dir["lr.png"]));
        Assert.False(File.Exists(dir["lr.png"]));
    }

    [Fact]
    public void A_constant_zero_schedule_still_renders()
    {
        using var dir = new TempDir();
        LearningRatePlot.Save([0, 0, 0], dir["lr.png"]);
        using var png = new PngFile(dir["lr.png"]);
        Assert.True(png.GreyVariance() > 50);
    }
}
