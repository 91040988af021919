using DermLens.Evaluation;
using DermLens.Reporting;
using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

public class ConfusionMatrixPlotTests
{
    static readonly string[] TenClasses =
        ["Crust", "Erythema", "Alopecia", "Blister", "Acne", "Ulcer", "Wheal", "Leukoderma", "Pigmented Macula", "Tumor"];

    static ConfusionMatrix TenClassMatrix()
    {
        var rows = new int[10][];
        for (int t = 0; t < 10; t++)
        {
            rows[t] = new int[10];
            rows[t][t] = 80 + 10 * t;
            rows[t][(t + 3) % 10] = t;
        }
        return new ConfusionMatrix(TenClasses, rows);
    }

    static bool IsStrongBlue(SKColor c) => c.Blue > 60 && c.Blue > c.Red + 50;

    [Fact]
    public void Writes_a_png_large_enough_to_read_ten_classes()
    {
        using var dir = new TempDir();
        var path = dir["plots/confusion.png"];
        ConfusionMatrixPlot.Save(TenClassMatrix(), path);
        using var png = new PngFile(path);
        // Each of the 10 x 10 cells needs room for two lines of text.
        Assert.InRange(png.Width, 10 * 60, 2000);
        Assert.InRange(png.Height, 10 * 60, 2000);
        Assert.True(png.GreyVariance() > 500, "image looks blank");
        Assert.True(png.Count(IsStrongBlue) > 10 * 50 * 50, "diagonal cells should be filled blue");
    }

    [Fact]
    public void Title_text_is_drawn()
    {
        using var dir = new TempDir();
        ConfusionMatrixPlot.Save(TenClassMatrix(), dir["c.png"]);
        using var png = new PngFile(dir["c.png"]);
        var titleStrip = new SKRectI(png.Width / 4, 0, 3 * png.Width / 4, 30);
        Assert.True(png.Count(PngFile.IsDark, titleStrip) > 100, "no title glyphs: plot text is not rendering");
    }

    [Fact]
    public void Counts_and_row_shares_colour_the_cells_differently()
    {
        // One true class has 1000 samples: by count it dominates, by row share every diagonal is full.
        var m = new ConfusionMatrix(["a", "b", "c"], [[1000, 0, 0], [0, 10, 0], [0, 0, 10]]);
        using var dir = new TempDir();
        ConfusionMatrixPlot.Save(m, dir["shares.png"], normalise: true);
        ConfusionMatrixPlot.Save(m, dir["counts.png"], normalise: false);
        using var shares = new PngFile(dir["shares.png"]);
        using var counts = new PngFile(dir["counts.png"]);
        Assert.True(shares.Count(IsStrongBlue) > 2 * counts.Count(IsStrongBlue),
            "row shares should fill all three diagonal cells, counts only one");
    }

    [Fact]
    public void A_single_class_matrix_still_renders()
    {
        using var dir = new TempDir();
        ConfusionMatrixPlot.Save(new ConfusionMatrix(["only"], [[0]]), dir["one.png"]);
        using var png = new PngFile(dir["one.png"]);
        Assert.True(png.Width >= 420 && png.Height >= 420);
    }
}
