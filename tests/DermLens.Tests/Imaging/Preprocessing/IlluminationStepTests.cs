using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using Xunit.Abstractions;

namespace DermLens.Tests.Imaging.Preprocessing;

public class IlluminationStepTests(ITestOutputHelper output)
{
    const int W = 600, H = 450;

    /// <summary>An off-centre spotlight falling from 1.0 to about 0.45 (a shape no quadratic reproduces exactly).</summary>
    static double Field(int x, int y) =>
        0.45 + 0.55 * Math.Exp(-(Math.Pow(x - 0.3 * W, 2) + Math.Pow(y - 0.35 * H, 2)) / (2 * Math.Pow(0.45 * W, 2)));

    static bool InLesion(int x, int y) => Math.Pow((x - 0.5 * W) / (0.12 * W), 2) + Math.Pow((y - 0.5 * H) / (0.14 * H), 2) <= 1.1;

    static RgbImage Lit()
    {
        var flat = TestImages.SkinWithLesion(W, H);
        var noise = new Random(5);
        var lit = new RgbImage(W, H);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                var (r, g, b) = flat[x, y];
                double f = Field(x, y) * (1 + 0.04 * (noise.NextDouble() - 0.5));
                lit[x, y] = ((byte)(r * f), (byte)(g * f), (byte)(b * f));
            }
        return lit;
    }

    /// <summary>Spread (max - min) of skin luminance over 10x10 blocks: the large-scale gradient left in the image.</summary>
    static double LargeScaleSpread(RgbImage image)
    {
        var means = new List<double>();
        for (int by = 0; by < 10; by++)
            for (int bx = 0; bx < 10; bx++)
            {
                double sum = 0; int n = 0;
                for (int y = by * H / 10; y < (by + 1) * H / 10; y++)
                    for (int x = bx * W / 10; x < (bx + 1) * W / 10; x++)
                    {
                        if (InLesion(x, y)) continue;
                        var (r, g, b) = image[x, y];
                        sum += 0.299 * r + 0.587 * g + 0.114 * b; n++;
                    }
                if (n > 0) means.Add(sum / n);
            }
        return means.Max() - means.Min();
    }

    [Fact]
    public void Correction_RemovesAtLeast80PercentOfAKnownLightingGradient()
    {
        var lit = Lit();
        var corrected = new IlluminationStep().Apply(lit, new PreprocessLog());
        double before = LargeScaleSpread(lit), after = LargeScaleSpread(corrected);
        output.WriteLine($"large-scale skin luminance spread: {before:0.0} -> {after:0.0} ({1 - after / before:P1} reduction)");
        Assert.True(after <= 0.2 * before, $"spread {before:0.0} -> {after:0.0}");
    }

    [Fact]
    public void Correction_KeepsHueAndBrightness()
    {
        var lit = Lit();
        var corrected = new IlluminationStep().Apply(lit, new PreprocessLog());
        var (r, g, b) = corrected[W / 10, H / 10];
        var skin = TestImages.Skin;
        Assert.InRange((double)r / g, skin.Red / (double)skin.Green - 0.05, skin.Red / (double)skin.Green + 0.05);
        Assert.InRange((double)b / g, skin.Blue / (double)skin.Green - 0.05, skin.Blue / (double)skin.Green + 0.05);
        Assert.InRange(TestImages.MeanLuminance(corrected), TestImages.MeanLuminance(lit) * 0.9, TestImages.MeanLuminance(lit) * 1.15);
    }

    [Fact]
    public void EvenlyLitImage_IsNearlyUnchanged()
    {
        var flat = TestImages.SkinWithLesion(200, 150);
        var corrected = new IlluminationStep().Apply(flat, new PreprocessLog());
        Assert.True(flat.Pixels.Zip(corrected.Pixels, (a, b) => Math.Abs(a - b)).Max() <= 3);
    }
}
