namespace DermLens.Imaging;

/// <summary>An 8-bit RGB image, pixels interleaved row by row (HWC), the currency of the input pipeline.</summary>
public sealed class RgbImage
{
    public int Width { get; }
    public int Height { get; }
    /// <summary>Width * Height * 3 bytes: R, G, B for each pixel, rows top to bottom.</summary>
    public byte[] Pixels { get; }

    public RgbImage(int width, int height, byte[]? pixels = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}x{height} is empty.");
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[width * height * 3];
        if (Pixels.Length != width * height * 3)
            throw new ArgumentException($"Expected {width * height * 3} bytes for {width}x{height} RGB, got {Pixels.Length}.");
    }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get { int i = (y * Width + x) * 3; return (Pixels[i], Pixels[i + 1], Pixels[i + 2]); }
        set { int i = (y * Width + x) * 3; Pixels[i] = value.R; Pixels[i + 1] = value.G; Pixels[i + 2] = value.B; }
    }
}
