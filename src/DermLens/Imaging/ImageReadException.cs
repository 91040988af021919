namespace DermLens.Imaging;

/// <summary>An image file that cannot be decoded; names the file and the reason.</summary>
public sealed class ImageReadException(string path, string reason)
    : DermLensException($"{path}: {reason}")
{
    public string Path { get; } = path;
    public string Reason { get; } = reason;
}
