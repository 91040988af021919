namespace DermLens.Imaging;

/// <summary>Random brightness, contrast, saturation and hue changes, in place, as torchvision's ColorJitter.</summary>
public static class ColorJitter
{
    public static void Apply(RgbImage image, AugmentationOptions o, Random rng)
    {
        if (o.Brightness == 0 && o.Contrast == 0 && o.Saturation == 0 && o.Hue == 0) return;
        float brightness = Factor(o.Brightness, rng);
        float contrast = Factor(o.Contrast, rng);
        float saturation = Factor(o.Saturation, rng);
        float hueShift = (float)((rng.NextDouble() * 2 - 1) * o.Hue);
        var px = image.Pixels;

        double meanGray = 0;
        for (int i = 0; i < px.Length; i += 3) meanGray += Gray(px[i], px[i + 1], px[i + 2]);
        float mean = (float)(meanGray / (px.Length / 3)) * brightness;

        // Hue rotation as a rotation about the grey axis in RGB space (a cheap, smooth approximation).
        double theta = hueShift * 2 * Math.PI;
        float cos = (float)Math.Cos(theta), sin = (float)Math.Sin(theta), k = (1 - cos) / 3, s3 = sin / MathF.Sqrt(3);
        float h00 = cos + k, h01 = k - s3, h02 = k + s3;

        for (int i = 0; i < px.Length; i += 3)
        {
            float r = px[i] * brightness, g = px[i + 1] * brightness, b = px[i + 2] * brightness;
            r = (r - mean) * contrast + mean; g = (g - mean) * contrast + mean; b = (b - mean) * contrast + mean;
            float gray = Gray(r, g, b);
            r = gray + (r - gray) * saturation; g = gray + (g - gray) * saturation; b = gray + (b - gray) * saturation;
            if (hueShift != 0)
                (r, g, b) = (h00 * r + h01 * g + h02 * b, h02 * r + h00 * g + h01 * b, h01 * r + h02 * g + h00 * b);
            px[i] = Clamp(r); px[i + 1] = Clamp(g); px[i + 2] = Clamp(b);
        }
    }

    static float Factor(double amount, Random rng) => (float)(1 + (rng.NextDouble() * 2 - 1) * amount);
    static float Gray(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;
    static byte Clamp(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
