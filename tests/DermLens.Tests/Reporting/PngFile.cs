using SkiaSharp;
using Xunit;

namespace DermLens.Tests.Reporting;

/// <summary>Decodes a written PNG and answers questions about its pixels.</summary>
sealed class PngFile : IDisposable
{
    public SKBitmap Bitmap { get; }
    public int Width => Bitmap.Width;
    public int Height => Bitmap.Height;

    public PngFile(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Bitmap = SKBitmap.Decode(bytes) ?? throw new Xunit.Sdk.XunitException($"{path} does not decode as an image");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp*"));
    }

    /// <summary>Variance of the grey level; a blank or single-colour image has (almost) none.</summary>
    public double GreyVariance()
    {
        double sum = 0, sumSquares = 0;
        var n = (double)Width * Height;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                var c = Bitmap.GetPixel(x, y);
                double grey = (c.Red + c.Green + c.Blue) / 3.0;
                sum += grey;
                sumSquares += grey * grey;
            }
        var mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    public int Count(Func<SKColor, bool> predicate, SKRectI? region = null)
    {
        var r = region ?? new SKRectI(0, 0, Width, Height);
        int count = 0;
        for (int y = r.Top; y < r.Bottom; y++)
            for (int x = r.Left; x < r.Right; x++)
                if (predicate(Bitmap.GetPixel(x, y))) count++;
        return count;
    }

    public static bool IsDark(SKColor c) => c.Red < 90 && c.Green < 90 && c.Blue < 90;

    public void Dispose() => Bitmap.Dispose();
}
