using DermLens.Reporting;
using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

public class FrontierPlotTests
{
    [Fact]
    public void Draws_each_configuration_with_its_interval_and_the_labels()
    {
        using var dir = new TempDir();
        FrontierPlot.Save([new("peer", 17, 0.58, 0.52, 0.64), new("dermlens", 30, 0.70, 0.64, 0.76), new("no interval", 5, 0.4, double.NaN, double.NaN)],
            dir["frontier.png"], "balanced accuracy against minutes", "minutes", "balanced accuracy", width: 800, height: 500);
        using var png = new PngFile(dir["frontier.png"]);
        Assert.Equal((800, 500), (png.Width, png.Height));
        Assert.True(png.Count(c => c.Blue > 150 && c.Red < 80) > 30, "no point or interval bar drawn");
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(200, 0, 600, 30)) > 50, "title not rendered");
    }

    [Fact]
    public void Nothing_to_plot_is_an_error_and_writes_nothing()
    {
        using var dir = new TempDir();
        Assert.Contains("frontier.png", Assert.Throws<DermLensException>(() => FrontierPlot.Save([], dir["frontier.png"], "t", "x", "y")).Message);
        Assert.False(File.Exists(dir["frontier.png"]));
    }
}
