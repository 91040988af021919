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

    /// <summary>Images of one size as one normalised (N, 3, H, W) float array, in order.</summary>
    public static float[] Chw(IReadOnlyList<RgbImage> images, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        int plane = images.Count == 0 ? 0 : 3 * images[0].Width * images[0].Height;
        var pixels = new float[images.Count * plane];
        for (int i = 0; i < images.Count; i++)
        {
            if (3 * images[i].Width * images[i].Height != plane) throw new ArgumentException("Images of one batch must have one size.", nameof(images));
            WriteChw(images[i], mean, std, pixels.AsSpan(i * plane, plane));
        }
        return pixels;
    }
}
