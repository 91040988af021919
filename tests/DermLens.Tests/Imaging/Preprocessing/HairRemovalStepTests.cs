using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using SkiaSharp;
using Xunit.Abstractions;

namespace DermLens.Tests.Imaging.Preprocessing;

public class HairRemovalStepTests(ITestOutputHelper output)
{
    static readonly (float X0, float Y0, float X1, float Y1)[] Hairs =
        [(20, 40, 580, 400), (100, 440, 500, 10), (0, 200, 600, 230), (300, 0, 260, 450), (50, 100, 250, 420)];

    static RgbImage Hairy(RgbImage skin)
    {
        using var bitmap = ImageCodec.ToBitmap(skin);
        using (var canvas = new SKCanvas(bitmap))
        using (var pen = new SKPaint { Color = new SKColor(25, 18, 15), StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke })
            foreach (var (x0, y0, x1, y1) in Hairs) canvas.DrawLine(x0, y0, x1, y1, pen);
        return ImageCodec.FromBitmap(bitmap);
    }

    /// <summary>Pixels on the drawn hair lines that are still much darker than the skin they cross.</summary>
    static int DarkHairPixels(RgbImage image, RgbImage clean)
    {
        int count = 0;
        foreach (var (x0, y0, x1, y1) in Hairs)
            for (int s = 0; s <= 1000; s++)
            {
                int x = (int)(x0 + (x1 - x0) * s / 1000f), y = (int)(y0 + (y1 - y0) * s / 1000f);
                if (x < 0 || y < 0 || x >= image.Width || y >= image.Height) continue;
                var (r, g, b) = image[x, y]; var (cr, cg, cb) = clean[x, y];
                if (cr + cg + cb - (r + g + b) > 3 * 40) count++;
            }
        return count;
    }

    [Fact]
    public void DrawnHairs_AreMostlyRemoved()
    {
        var clean = ImageCodec.Decode(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0027533.jpg"));
        var hairy = Hairy(clean);
        var result = new HairRemovalStep().Apply(hairy, new PreprocessLog());
        int before = DarkHairPixels(hairy, clean), after = DarkHairPixels(result, clean);
        output.WriteLine($"dark hair-line samples: {before} -> {after}");
        Assert.True(before > 1000);
        Assert.True(after < 0.1 * before, $"{before} -> {after}");
    }

    [Fact]
    public void SmoothSkin_IsUntouched()
    {
        var skin = TestImages.SkinWithLesion();
        using var mask = new HairRemovalStep().HairMask(skin);
        Assert.Equal(0, OpenCvSharp.Cv2.CountNonZero(mask));
        Assert.Same(skin, new HairRemovalStep().Apply(skin, new PreprocessLog()));
    }
}
