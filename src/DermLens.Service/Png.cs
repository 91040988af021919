using DermLens.Imaging;
using SkiaSharp;

namespace DermLens.Service;

/// <summary>Images as PNG bytes for a response.</summary>
public static class Png
{
    public static byte[] Encode(RgbImage image)
    {
        using var bitmap = ImageCodec.ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
