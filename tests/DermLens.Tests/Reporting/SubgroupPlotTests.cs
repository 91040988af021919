using DermLens.Reporting;
using DermLens.Tests.Evaluation;
using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

public class SubgroupPlotTests
{
    static bool IsBarBlue(SKColor c) => c.Blue > 150 && c.Red < 80;

    static bool IsGrey(SKColor c) => Math.Abs(c.Red - 128) < 12 && Math.Abs(c.Green - 128) < 12 && Math.Abs(c.Blue - 128) < 12;

    [Fact]
    public void Draws_a_bar_per_group_with_too_few_groups_in_grey_and_the_title()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Add("C", 0, 3, 2, wrong: 1).Add("C", 1, 2, 2).Compute();
        using var dir = new TempDir();
        SubgroupPlot.Save(table, dir["plots/sex.png"], width: 800);
        using var png = new PngFile(dir["plots/sex.png"]);
        Assert.Equal(800, png.Width);
        Assert.InRange(png.Height, 320, 600);
        Assert.True(png.Count(IsBarBlue) > 2 * 300, "the two comparable groups' bars are not drawn");
        Assert.True(png.Count(IsGrey) > 300, "the too-small group's grey bar is not drawn");
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(200, 0, 600, 30)) > 50, "title not rendered");
    }

    [Fact]
    public void A_table_without_groups_is_an_error_and_writes_nothing()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Compute() with { Groups = [] };
        using var dir = new TempDir();
        Assert.Contains("sex", Assert.Throws<DermLensException>(() => SubgroupPlot.Save(table, dir["sex.png"])).Message);
        Assert.False(File.Exists(dir["sex.png"]));
    }
}
