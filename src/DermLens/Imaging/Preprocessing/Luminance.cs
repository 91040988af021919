namespace DermLens.Imaging.Preprocessing;

/// <summary>Per-pixel luminance shared by the managed steps (Rec. 601 weights, 0..255).</summary>
internal static class Luminance
{
    public static double Of(byte r, byte g, byte b) => 0.299 * r + 0.587 * g + 0.114 * b;

    /// <summary>Applies one 256-entry lookup table to all three channels.</summary>
    public static RgbImage MapChannels(RgbImage image, byte[] table)
    {
        var result = new RgbImage(image.Width, image.Height);
        var src = image.Pixels; var dst = result.Pixels;
        for (int i = 0; i < src.Length; i++) dst[i] = table[src[i]];
        return result;
    }
}
