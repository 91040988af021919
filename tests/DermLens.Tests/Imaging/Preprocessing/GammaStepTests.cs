using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Tests.Imaging.Preprocessing;

public class GammaStepTests
{
    [Theory]
    [InlineData(1.3)]
    [InlineData(1.5)]
    public void GammaThenInverse_IsNearlyIdentity(double gamma)
    {
        var image = ImageCodec.Decode(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0024311.jpg"));
        var log = new PreprocessLog();
        var back = new GammaStep(1 / gamma).Apply(new GammaStep(gamma).Apply(image, log), log);
        int maxError = image.Pixels.Zip(back.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxError <= 2, $"max error {maxError}");
        Assert.NotEqual(image.Pixels, new GammaStep(gamma).Apply(image, log).Pixels);
    }

    [Fact]
    public void FixedGammaAboveOne_Brightens()
    {
        var image = TestImages.SkinWithLesion(60, 45);
        Assert.True(TestImages.MeanLuminance(new GammaStep(1.3).Apply(image, new PreprocessLog())) > TestImages.MeanLuminance(image) + 5);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.35)]
    public void Auto_BringsMeanLuminanceToTheTarget(double target)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RoiSamples, "images")).Take(3))
        {
            var result = new GammaStep(null, target).Apply(ImageCodec.Decode(file), new PreprocessLog());
            Assert.InRange(TestImages.MeanLuminance(result) / 255, target - 0.03, target + 0.03);
        }
    }

    [Fact]
    public void Auto_OnABlackImage_LeavesItAndSaysWhy()
    {
        var black = new RgbImage(40, 40);
        var log = new PreprocessLog();
        Assert.Same(black, new GammaStep(null).Apply(black, log));
        Assert.Contains("black and white", log.ToString());
    }
}
