using SkiaSharp;

namespace DermLens.Imaging;

/// <summary>Resampling with SkiaSharp's cubic filter (downscaling through mipmaps to avoid aliasing).</summary>
public static class Resizer
{
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image;
        using var source = ImageCodec.ToBitmap(image);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        source.ScalePixels(target, Sampling(image.Width, width));
        return ImageCodec.FromBitmap(target);
    }

    /// <summary>Scales so the shorter side is <paramref name="shortSide"/>, keeping the aspect ratio.</summary>
    public static RgbImage ResizeShortSide(RgbImage image, int shortSide)
    {
        double scale = (double)shortSide / Math.Min(image.Width, image.Height);
        return Resize(image, Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
    }

    /// <summary>Resizes the short side then crops the centre square, the usual evaluation transform.</summary>
    public static RgbImage ResizeCenterCrop(RgbImage image, int size)
    {
        var resized = ResizeShortSide(image, size);
        return Crop(resized, (resized.Width - size) / 2, (resized.Height - size) / 2, size, size);
    }

    public static RgbImage Crop(RgbImage image, int x, int y, int width, int height)
    {
        var result = new RgbImage(width, height);
        for (int row = 0; row < height; row++)
            Buffer.BlockCopy(image.Pixels, ((y + row) * image.Width + x) * 3, result.Pixels, row * width * 3, width * 3);
        return result;
    }

    internal static SKSamplingOptions Sampling(int sourceSize, int targetSize) =>
        targetSize < sourceSize
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
}
