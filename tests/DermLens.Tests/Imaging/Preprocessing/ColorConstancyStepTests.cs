using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Tests.Imaging.Preprocessing;

public class ColorConstancyStepTests
{
    static double Spread(double[] means) => means.Max() - means.Min();

    static RgbImage Cast(RgbImage image, double r, double g, double b)
    {
        var result = new RgbImage(image.Width, image.Height);
        for (int i = 0; i < image.Pixels.Length; i += 3)
        {
            result.Pixels[i] = (byte)Math.Min(255, image.Pixels[i] * r);
            result.Pixels[i + 1] = (byte)Math.Min(255, image.Pixels[i + 1] * g);
            result.Pixels[i + 2] = (byte)Math.Min(255, image.Pixels[i + 2] * b);
        }
        return result;
    }

    [Theory]
    [InlineData("color=shades-of-gray")]
    [InlineData("color=gray-world")]
    public void ColourCast_ChannelMeansMoveCloser(string text)
    {
        var image = ImageCodec.Decode(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0027001.jpg"));
        var cast = Cast(image, 0.75, 0.9, 1.25);
        var corrected = PreprocessChain.Parse(text).Apply(cast);
        Assert.True(Spread(TestImages.ChannelMeans(corrected)) < 0.5 * Spread(TestImages.ChannelMeans(cast)));
    }

    [Fact]
    public void SameSceneUnderTwoCasts_CorrectsToNearlyTheSameColours()
    {
        var image = ImageCodec.Decode(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0027287.jpg"));
        var step = PreprocessChain.Parse("color=shades-of-gray");
        var warm = TestImages.ChannelMeans(step.Apply(Cast(image, 1.0, 0.85, 0.7)));
        var cold = TestImages.ChannelMeans(step.Apply(Cast(image, 0.7, 0.85, 1.0)));
        for (int c = 0; c < 3; c++) Assert.InRange(warm[c] - cold[c], -6, 6);
    }

    [Fact]
    public void BlackImage_IsLeftWithANote()
    {
        var log = new PreprocessLog();
        var black = new RgbImage(32, 32);
        Assert.Same(black, new ColorConstancyStep(6).Apply(black, log));
        Assert.Contains("colour left unchanged", log.ToString());
    }
}
