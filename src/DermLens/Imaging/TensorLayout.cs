namespace DermLens.Imaging;

/// <summary>Converts RGB bytes to normalised planar floats (CHW), the layout the models take.</summary>
public static class TensorLayout
{
    /// <summary>Writes (pixel/255 - mean) / std, channel-planar, into <paramref name="destination"/>.</summary>
    public static void WriteChw(RgbImage image, IReadOnlyList<float> mean, IReadOnlyList<float> std, Span<float> destination)
    {
        int plane = image.Width * image.Height;
        if (destination.Length < plane * 3) throw new ArgumentException("Destination too small.", nameof(destination));
        var px = image.Pixels;
        for (int c = 0; c < 3; c++)
        {
            float scale = 1f / (255f * std[c]), offset = mean[c] / std[c];
            var dst = destination.Slice(c * plane, plane);
            for (int i = 0; i < plane; i++) dst[i] = px[i * 3 + c] * scale - offset;
        }
    }
}
