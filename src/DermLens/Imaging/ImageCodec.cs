using SkiaSharp;

namespace DermLens.Imaging;

/// <summary>Decodes any image SkiaSharp reads (grayscale, RGBA, 16-bit, CMYK) to RGB, and encodes PNG.</summary>
public static class ImageCodec
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];

    public static bool HasImageExtension(string path) =>
        Extensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());

    public static RgbImage Decode(string path)
    {
        if (!File.Exists(path)) throw new ImageReadException(path, "file not found");
        var info = new FileInfo(path);
        if (info.Length == 0) throw new ImageReadException(path, "file is empty (0 bytes)");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new ImageReadException(path, e.Message); }
        return Decode(bytes, path);
    }

    /// <summary>
    /// Decoded images above this many pixels would take gigabytes (a 20,000 x 15,000 scan: 1.2 GB as RGBA): JPEGs are
    /// decoded at 1/2, 1/4 or 1/8 size until they fit, other formats are refused.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    public static RgbImage Decode(byte[] bytes, string nameForErrors) => Decode(bytes, nameForErrors, MaxPixels);

    /// <summary>Decodes with a pixel limit (see <see cref="MaxPixels"/>).</summary>
    public static RgbImage Decode(byte[] bytes, string nameForErrors, long maxPixels)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec == null) throw new ImageReadException(nameForErrors, $"not a readable image ({result})");
        var size = FittingSize(codec, maxPixels)
            ?? throw new ImageReadException(nameForErrors, $"image is {codec.Info.Width}x{codec.Info.Height} px " +
                $"({codec.Info.Width * (double)codec.Info.Height / 1e6:0.#} megapixels), more than the {maxPixels / 1e6:0.#}-megapixel limit " +
                "and its format cannot be decoded smaller; downscale it first");
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var status = codec.GetPixels(info, bitmap.GetPixels());
        if (status != SKCodecResult.Success)
            throw new ImageReadException(nameForErrors, status == SKCodecResult.IncompleteInput
                ? "file is truncated (incomplete image data)" : $"decoding failed ({status})");
        return FromBitmap(bitmap);
    }

    /// <summary>The full size when within the limit, else the largest size the codec decodes to natively that fits, or null.</summary>
    static SKSizeI? FittingSize(SKCodec codec, long maxPixels)
    {
        foreach (var scale in new[] { 1f, 0.5f, 0.25f, 0.125f })
        {
            var size = scale == 1f ? codec.Info.Size : codec.GetScaledDimensions(scale);
            if ((long)size.Width * size.Height <= maxPixels && (scale == 1f || size != codec.Info.Size)) return size;
        }
        return null;
    }

    /// <summary>Copies an SKBitmap to RGB; premultiplied alpha means transparency lands on black.</summary>
    public static RgbImage FromBitmap(SKBitmap bitmap)
    {
        SKBitmap rgba = bitmap;
        if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.AlphaType == SKAlphaType.Unpremul)
        {
            rgba = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
            if (!bitmap.ScalePixels(rgba, new SKSamplingOptions(SKFilterMode.Nearest)))
                throw new InvalidOperationException($"Cannot convert a {bitmap.ColorType} bitmap to RGBA.");
        }
        try
        {
            var image = new RgbImage(rgba.Width, rgba.Height);
            var src = rgba.GetPixelSpan();
            var dst = image.Pixels;
            for (int p = 0, q = 0; q < dst.Length; p += 4, q += 3)
            {
                dst[q] = src[p]; dst[q + 1] = src[p + 1]; dst[q + 2] = src[p + 2];
            }
            return image;
        }
        finally { if (!ReferenceEquals(rgba, bitmap)) rgba.Dispose(); }
    }

    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var dst = bitmap.GetPixelSpan();
        var src = image.Pixels;
        for (int p = 0, q = 0; q < src.Length; p += 4, q += 3)
        {
            dst[p] = src[q]; dst[p + 1] = src[q + 1]; dst[p + 2] = src[q + 2]; dst[p + 3] = 255;
        }
        return bitmap;
    }

    /// <summary>Writes a PNG atomically (temp file, then rename).</summary>
    public static void SavePng(RgbImage image, string path)
    {
        using var bitmap = ToBitmap(image);
        SavePng(bitmap, path);
    }

    public static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, data.ToArray());
    }
}
