using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Tests.Imaging.Preprocessing;

public class PreprocessChainTests
{
    [Theory]
    [InlineData("fov,roi,gamma=1.3,gamma=auto,illumination,color=shades-of-gray,color=gray-world,hair")]
    [InlineData("gamma=auto:target=0.45,color=shades-of-gray:p=4,roi:margin=0.2,illumination:degree=2,hair:kernel=21:threshold=12")]
    [InlineData("none")]
    public void Parse_ToString_RoundTripsCanonicalText(string text)
    {
        var chain = PreprocessChain.Parse(text);
        Assert.Equal(text, chain.ToString());
        Assert.Equal(text, PreprocessChain.Parse(chain.ToString()).ToString());
    }

    [Fact]
    public void Parse_NormalisesSpacingCaseAndDefaults()
    {
        Assert.Equal("fov,gamma=1.3,color=shades-of-gray,roi", PreprocessChain.Parse(" FOV , gamma=1.30, color=shades-of-gray:p=6 ,roi:margin=0.15").ToString());
        Assert.True(PreprocessChain.Parse("").IsEmpty);
        Assert.Equal(8, PreprocessChain.Parse("fov,roi,gamma=1.3,gamma=auto,illumination,color=shades-of-gray,color=gray-world,hair").Steps.Count);
    }

    [Theory]
    [InlineData("fov,blur", "Unknown preprocessing step 'blur'")]
    [InlineData("gamma", "needs a value")]
    [InlineData("gamma=bright", "is not a number")]
    [InlineData("gamma=9", "outside [0.25, 4]")]
    [InlineData("color=retinex", "'retinex' unknown")]
    [InlineData("roi:size=3", "unknown option 'size'")]
    [InlineData("fov=2", "takes no value")]
    [InlineData("fov,,roi", "empty step")]
    [InlineData("hair:kernel=4.5", "whole numbers")]
    [InlineData("color=gray-world:p=2", "unknown option 'p'")]
    public void Parse_RejectsBadTextWithAClearMessage(string text, string expected)
    {
        var error = Assert.Throws<DermLensException>(() => PreprocessChain.Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void UnknownStep_ListsTheKnownOnes()
    {
        var error = Assert.Throws<DermLensException>(() => PreprocessChain.Parse("sharpen"));
        foreach (var name in new[] { "fov", "roi", "gamma=auto", "illumination", "color=shades-of-gray", "color=gray-world", "hair" })
            Assert.Contains(name, error.Message);
    }

    [Fact]
    public void OpenCvMatRoundTrip_KeepsEveryByte()
    {
        var image = new RgbImage(37, 23);
        new Random(3).NextBytes(image.Pixels);
        using var mat = CvImage.ToMat(image);
        Assert.Equal(image.Pixels, CvImage.FromMat(mat).Pixels);
    }

    [Fact]
    public void Apply_RunsTheStepsInOrder()
    {
        var image = TestImages.SkinWithLesion(120, 90);
        var chain = PreprocessChain.Parse("gamma=1.3,gamma=0.5");
        var expected = new GammaStep(0.5).Apply(new GammaStep(1.3).Apply(image, new PreprocessLog()), new PreprocessLog());
        Assert.Equal(expected.Pixels, chain.Apply(image).Pixels);
    }
}
