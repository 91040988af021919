namespace DermLens.Imaging.Preprocessing;

/// <summary>Averages f x f pixel blocks straight from the source bytes: shrinking a huge image needs no second full-size copy.</summary>
internal static class BlockDownscale
{
    public static RgbImage ToMaxSide(RgbImage image, int maxSide)
    {
        int factor = (Math.Max(image.Width, image.Height) + maxSide - 1) / maxSide;
        if (factor <= 1) return image;
        int width = Math.Max(1, image.Width / factor), height = Math.Max(1, image.Height / factor);
        var result = new RgbImage(width, height);
        var sums = new int[width * 3];
        var src = image.Pixels;
        for (int y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (int dy = 0; dy < factor; dy++)
            {
                int row = (y * factor + dy) * image.Width * 3;
                for (int x = 0; x < width * factor; x++)
                {
                    int s = row + x * 3, t = x / factor * 3;
                    sums[t] += src[s]; sums[t + 1] += src[s + 1]; sums[t + 2] += src[s + 2];
                }
            }
            int area = factor * factor, offset = y * width * 3;
            for (int i = 0; i < sums.Length; i++) result.Pixels[offset + i] = (byte)((sums[i] + area / 2) / area);
        }
        return result;
    }
}
