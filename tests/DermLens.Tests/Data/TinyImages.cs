using DermLens.Imaging;

namespace DermLens.Tests.Data;

/// <summary>Writes small image files and copies of the HAM10000 sample for tests that build a layout on disk.</summary>
public static class TinyImages
{
    public static string Png(string path, byte shade = 128)
    {
        var image = new RgbImage(4, 3);
        Array.Fill(image.Pixels, shade);
        ImageCodec.SavePng(image, path);
        return path;
    }

    /// <summary>The first <paramref name="count"/> HAM10000 sample images (ordinal by file name).</summary>
    public static IReadOnlyList<string> HamJpegs(int count) =>
        Directory.GetFiles(Path.Combine(SharedData.Ham10000, "images"), "*.jpg").Order(StringComparer.Ordinal).Take(count).ToList();

    public static void CopyTo(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination);
    }
}
