using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Tests.Imaging.Preprocessing;

public class BadInputTests
{
    const string Everything = "fov,roi,gamma=1.3,gamma=auto,illumination,color=shades-of-gray,color=gray-world,hair";

    static RgbImage Uniform(int w, int h, byte r, byte g, byte b)
    {
        var image = new RgbImage(w, h);
        for (int i = 0; i < image.Pixels.Length; i += 3) { image.Pixels[i] = r; image.Pixels[i + 1] = g; image.Pixels[i + 2] = b; }
        return image;
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(255, 255, 255)]
    [InlineData(180, 120, 100)]
    public void SingleColourImages_PassWithNotesAndKeepTheirSize(byte r, byte g, byte b)
    {
        var image = Uniform(120, 90, r, g, b);
        var log = new PreprocessLog();
        var result = PreprocessChain.Parse(Everything).Apply(image, log);
        Assert.Equal((120, 90), (result.Width, result.Height));
        Assert.Contains(log.Notes, n => n.Step == "roi");
        var first = (result.Pixels[0], result.Pixels[1], result.Pixels[2]);
        Assert.All(Enumerable.Range(0, 120 * 90), i => Assert.Equal(first, (result.Pixels[3 * i], result.Pixels[3 * i + 1], result.Pixels[3 * i + 2])));
    }

    [Fact]
    public void BlackImage_FovSaysThereIsNoFieldOfView()
    {
        var log = new PreprocessLog();
        PreprocessChain.Parse("fov").Apply(Uniform(64, 64, 0, 0, 0), log);
        Assert.Contains("dark almost everywhere", log.ToString());
    }

    [Fact]
    public void TinyImage_IsRefusedWithItsSize()
    {
        var error = Assert.Throws<DermLensException>(() => PreprocessChain.Parse("gamma=1.3").Apply(new RgbImage(12, 40)));
        Assert.Contains("12x40", error.Message);
        Assert.Contains("16 px", error.Message);
        var sixteen = TestImages.SkinWithLesion(16, 16);
        Assert.Equal((16, 16), (PreprocessChain.Parse("hair,illumination").Apply(sixteen).Width, 16));
    }

    [Fact]
    public void EmptyChain_ReturnsTheImageEvenWhenTiny()
    {
        var tiny = new RgbImage(4, 4);
        Assert.Same(tiny, PreprocessChain.None.Apply(tiny));
    }

    [Fact]
    public void HugeImage_IsDownscaledFirstWithANote()
    {
        var huge = TestImages.SkinWithLesion(20_000, 300);
        var log = new PreprocessLog();
        var result = PreprocessChain.Parse("roi,hair").Apply(huge, log);
        Assert.True(Math.Max(result.Width, result.Height) <= PreprocessChain.MaxSide);
        Assert.Contains("downscaled 20000x300", log.ToString());
    }
}
