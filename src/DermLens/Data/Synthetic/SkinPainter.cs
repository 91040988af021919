using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Paints the skin background: a tone from very light to very dark, uneven pigment, fine texture and pores.</summary>
internal static class SkinPainter
{
    // Light to dark, roughly along the Fitzpatrick scale.
    static readonly SKColor[] Tones =
    [
        new(245, 222, 207), new(232, 194, 170), new(210, 161, 126),
        new(174, 122, 88), new(128, 86, 60), new(88, 58, 42),
    ];

    /// <summary>Covers everything the canvas can show and returns the base tone that lesions are painted relative to.</summary>
    public static SKColor Paint(SKCanvas canvas, Random rng, int size)
    {
        double t = rng.NextDouble() * (Tones.Length - 1);
        int i = Math.Min((int)t, Tones.Length - 2);
        var skin = Colours.Jitter(Colours.Lerp(Tones[i], Tones[i + 1], t - i), rng, 7);
        canvas.DrawColor(skin);

        var area = canvas.LocalClipBounds;
        DrawNoise(canvas, Noise.Fractal(rng, 2.5f / size, 3), 0.22 + 0.12 * rng.NextDouble(), SKBlendMode.Overlay);
        DrawNoise(canvas, Noise.Fractal(rng, 22f / size, 2), 0.18, SKBlendMode.Overlay);

        // Pores and follicles: sparse tiny dark dots, a little larger on bigger images.
        using var pore = new SKPaint { IsAntialias = true, Color = Colours.Scale(skin, 0.72).WithAlpha(70) };
        int pores = (int)(area.Width * area.Height / 90);
        float poreRadius = Math.Max(0.45f, size / 200f);
        for (int p = 0; p < pores; p++)
            canvas.DrawCircle(
                area.Left + (float)rng.NextDouble() * area.Width,
                area.Top + (float)rng.NextDouble() * area.Height,
                poreRadius * (0.6f + (float)rng.NextDouble()), pore);
        return skin;
    }

    static void DrawNoise(SKCanvas canvas, SKShader noise, double strength, SKBlendMode blend)
    {
        using (noise)
        using (var grey = Noise.GreyFilter(strength))
        using (var paint = new SKPaint { Shader = noise, ColorFilter = grey, BlendMode = blend })
            canvas.DrawPaint(paint);
    }
}
