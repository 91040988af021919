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

    /// <summary>Scales, keeping the aspect ratio, to the smallest image at least size.Width wide and size.Height high.</summary>
    public static RgbImage ResizeToCover(RgbImage image, InputSize size)
    {
        double scale = Math.Max((double)size.Width / image.Width, (double)size.Height / image.Height);
        return Resize(image, Math.Max(size.Width, (int)Math.Round(image.Width * scale)), Math.Max(size.Height, (int)Math.Round(image.Height * scale)));
    }

    /// <summary>
    /// Resizes to cover size, then crops its centre: the usual evaluation transform. An image of the input's aspect
    /// ratio (200x150 for a 150x200 input) is only resized.
    /// </summary>
    public static RgbImage ResizeCenterCrop(RgbImage image, InputSize size)
    {
        var resized = ResizeToCover(image, size);
        return Crop(resized, (resized.Width - size.Width) / 2, (resized.Height - size.Height) / 2, size.Width, size.Height);
    }

    public static RgbImage Crop(RgbImage image, int x, int y, int width, int height)
    {
        var result = new RgbImage(width, height);
        for (int row = 0; row < height; row++)
            Buffer.BlockCopy(image.Pixels, ((y + row) * image.Width + x) * 3, result.Pixels, row * width * 3, width * 3);
        return result;
    }

    internal static SKSamplingOptions Sampling(int sourceSize, int targetSize) => Sampling(shrinks: targetSize < sourceSize);

    internal static SKSamplingOptions Sampling(bool shrinks) =>
        shrinks
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
}
