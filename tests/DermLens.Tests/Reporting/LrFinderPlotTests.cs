using DermLens.Reporting;
using DermLens.Training;
using SkiaSharp;

namespace DermLens.Tests.Reporting;

public class LrFinderPlotTests
{
    /// <summary>A sweep from 1e-6 to 1: noisy losses falling to a bottom near 1e-2, then diverging.</summary>
    static LrFinderResult Sweep()
    {
        var x = Enumerable.Range(0, 61).Select(i => -6 + i / 10.0).ToArray();
        var smoothed = x.Select(v => 1.5 - Math.Tanh(2 * (v + 4)) + 0.3 * (v + 2) * (v + 2) / 4).ToArray();
        var raw = smoothed.Select((l, i) => l + (i % 2 == 0 ? 0.1 : -0.1)).ToArray();
        return new LrFinderResult(x.Select(v => Math.Pow(10, v)).ToArray(), raw, smoothed, LrFinderStop.Diverged, skipStart: 6, skipEnd: 5);
    }

    static bool Near(SKColor c, byte r, byte g, byte b) => Math.Abs(c.Red - r) < 40 && Math.Abs(c.Green - g) < 40 && Math.Abs(c.Blue - b) < 40;

    [Fact]
    public void Draws_the_curve_and_marks_each_suggestion_in_its_colour()
    {
        using var dir = new TempDir();
        LrFinderPlot.Save(Sweep(), dir["lr_find.png"], width: 800, height: 480);

        using var png = new PngFile(dir["lr_find.png"]);
        Assert.Equal((800, 480), (png.Width, png.Height));
        Assert.True(png.GreyVariance() > 200, "image looks blank");
        Assert.True(png.Count(c => Near(c, 0x1f, 0x77, 0xb4)) > 500, "smoothed loss curve missing");
        Assert.True(png.Count(c => Near(c, 0x2c, 0xa0, 0x2c)) > 150, "valley line missing");
        Assert.True(png.Count(c => Near(c, 0xff, 0x7f, 0x0e)) > 100, "steepest line missing");
        Assert.True(png.Count(c => Near(c, 0xd6, 0x27, 0x28)) > 60, "minimum/10 line missing");
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(300, 0, 500, 30)) > 50, "title not rendered");
    }

    [Fact]
    public void Non_finite_losses_are_refused_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var result = new LrFinderResult([1e-3, 1e-2, 1e-1], [1, 0.5, 2], [1, double.NaN, 2], LrFinderStop.Completed);
        Assert.Contains("lr_find.png", Assert.Throws<DermLensException>(() => LrFinderPlot.Save(result, dir["lr_find.png"])).Message);
        Assert.False(File.Exists(dir["lr_find.png"]));
    }
}
