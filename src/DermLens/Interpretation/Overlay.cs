using DermLens.Imaging;

namespace DermLens.Interpretation;

/// <summary>Pictures of explanations: a 0..1 map as a jet heat map blended on the image beside a colour bar, and pixel gradients as an image.</summary>
public static class Overlay
{
    /// <summary>
    /// The image with the map (row-major, the image's size, values 0..1) blended on at the given opacity, and to its
    /// right a colour bar from 0 (bottom) to 1 (top).
    /// </summary>
    public static RgbImage HeatMap(RgbImage image, ReadOnlySpan<float> map, float opacity = 0.5f)
    {
        var blended = Blend(image, map, opacity);
        var gap = Math.Max(2, image.Width / 32);
        var bar = Math.Max(6, image.Width / 16);
        var result = new RgbImage(image.Width + gap + bar, image.Height);
        Array.Fill(result.Pixels, (byte)255);
        for (var y = 0; y < image.Height; y++)
        {
            Buffer.BlockCopy(blended.Pixels, y * image.Width * 3, result.Pixels, y * result.Width * 3, image.Width * 3);
            var level = Jet(image.Height == 1 ? 1f : 1f - y / (float)(image.Height - 1));
            for (var x = image.Width + gap; x < result.Width; x++)
                SetPixel(result, x, y, level);
        }
        return result;
    }

    /// <summary>The image with the map (row-major, the image's size, values 0..1) blended on as a jet heat map, no colour bar.</summary>
    public static RgbImage Blend(RgbImage image, ReadOnlySpan<float> map, float opacity = 0.5f)
    {
        if (map.Length != image.Width * image.Height)
            throw new DermLensException($"A {image.Width}x{image.Height} image needs a map of {image.Width * image.Height} values, got {map.Length}.");
        var result = new RgbImage(image.Width, image.Height);
        for (var p = 0; p < map.Length; p++)
        {
            var (r, g, b) = Jet(map[p]);
            result.Pixels[p * 3] = Blend(image.Pixels[p * 3], r, opacity);
            result.Pixels[p * 3 + 1] = Blend(image.Pixels[p * 3 + 1], g, opacity);
            result.Pixels[p * 3 + 2] = Blend(image.Pixels[p * 3 + 2], b, opacity);
        }
        return result;
    }

    /// <summary>
    /// Pixel gradients (3, H, W, channel-major) as an RGB image the way the Guided Backprop papers show them:
    /// standardised, scaled to a 0.1 standard deviation around mid-grey, clipped.
    /// </summary>
    public static RgbImage Gradients(ReadOnlySpan<float> chw, int width, int height)
    {
        var plane = width * height;
        if (chw.Length != 3 * plane)
            throw new DermLensException($"A {width}x{height} gradient image needs {3 * plane} values, got {chw.Length}.");
        double mean = 0, squares = 0;
        foreach (var v in chw) mean += v;
        mean /= chw.Length;
        foreach (var v in chw) squares += (v - mean) * (v - mean);
        var std = Math.Sqrt(squares / chw.Length) + 1e-5;
        var image = new RgbImage(width, height);
        for (var c = 0; c < 3; c++)
            for (var p = 0; p < plane; p++)
            {
                var value = (chw[c * plane + p] - mean) / std * 0.1 + 0.5;
                image.Pixels[p * 3 + c] = (byte)Math.Round(Math.Clamp(value, 0, 1) * 255);
            }
        return image;
    }

    /// <summary>The jet colour map (blue, cyan, yellow, red) at t in 0..1, as OpenCV's COLORMAP_JET that CAM libraries use.</summary>
    public static (byte R, byte G, byte B) Jet(float t)
    {
        t = float.IsFinite(t) ? Math.Clamp(t, 0f, 1f) : 0f;
        static byte Channel(float centre, float t) => (byte)Math.Round(Math.Clamp(1.5f - Math.Abs(4f * t - centre), 0f, 1f) * 255);
        return (Channel(3f, t), Channel(2f, t), Channel(1f, t));
    }

    static byte Blend(byte under, byte over, float opacity) => (byte)Math.Round(under * (1 - opacity) + over * opacity);

    static void SetPixel(RgbImage image, int x, int y, (byte R, byte G, byte B) colour)
    {
        var i = (y * image.Width + x) * 3;
        (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]) = colour;
    }
}
