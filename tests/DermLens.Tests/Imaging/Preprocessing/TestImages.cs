using DermLens.Imaging;
using SkiaSharp;

namespace DermLens.Tests.Imaging.Preprocessing;

/// <summary>Synthetic skin images with known answers, drawn with SkiaSharp.</summary>
public static class TestImages
{
    public static readonly SKColor Skin = new(214, 170, 150);
    public static readonly SKColor Lesion = new(120, 80, 60);

    public static RgbImage Draw(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap)) draw(canvas);
        return ImageCodec.FromBitmap(bitmap);
    }

    /// <summary>Skin with an elliptical lesion, as dermoscopy centres it.</summary>
    public static RgbImage SkinWithLesion(int width = 600, int height = 450, SKRect? lesion = null) => Draw(width, height, c =>
    {
        c.Clear(Skin);
        using var paint = new SKPaint { Color = Lesion, IsAntialias = true };
        c.DrawOval(lesion ?? new SKRect(width * 0.4f, height * 0.38f, width * 0.6f, height * 0.62f), paint);
    });

    /// <summary>A dermoscope picture: skin and lesion inside a circle, black outside it.</summary>
    public static RgbImage Dermoscope(int width, int height, float cx, float cy, float radius) => Draw(width, height, c =>
    {
        c.Clear(new SKColor(6, 5, 5));
        using var skin = new SKPaint { Color = Skin, IsAntialias = true };
        c.DrawCircle(cx, cy, radius, skin);
        using var lesion = new SKPaint { Color = Lesion, IsAntialias = true };
        c.DrawCircle(cx + radius * 0.1f, cy - radius * 0.05f, radius * 0.25f, lesion);
    });

    public static double MeanLuminance(RgbImage image)
    {
        double sum = 0;
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 3) sum += 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
        return sum / (image.Width * image.Height);
    }

    public static double[] ChannelMeans(RgbImage image)
    {
        var sums = new double[3];
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i++) sums[i % 3] += p[i];
        return sums.Select(s => s / (image.Width * image.Height)).ToArray();
    }
}
