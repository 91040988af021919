using DermLens.Imaging;
using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>The photographic nuisances the study blames for errors (uneven light and shadows, exposure, field of view,
/// hair), rolled once per image from their own dice so switching them on leaves the lesion itself unchanged.</summary>
internal sealed class Confounders
{
    readonly Random rng;
    readonly bool illumination, gamma, vignette, hair;
    readonly float zoom;

    Confounders(Random rng, SyntheticOptions options)
    {
        this.rng = rng;
        illumination = rng.NextDouble() < options.Illumination;
        gamma = rng.NextDouble() < options.Gamma;
        vignette = rng.NextDouble() < options.Vignette;
        hair = rng.NextDouble() < options.Hair;
        // A dermoscope either frames the lesion tightly or shows it small in a wide field.
        zoom = rng.NextDouble() < 0.5 ? 0.6f + 0.25f * (float)rng.NextDouble() : 1.1f + 0.25f * (float)rng.NextDouble();
    }

    public static Confounders Roll(Random rng, SyntheticOptions options) => new(rng, options);

    /// <summary>Zooms both canvases about the centre before anything is painted, when the dermoscope view is on.</summary>
    public void FrameView(SKCanvas image, SKCanvas mask, int size)
    {
        if (!vignette) return;
        foreach (var canvas in new[] { image, mask })
        {
            canvas.Translate(size / 2f, size / 2f);
            canvas.Scale(zoom);
            canvas.Translate(-size / 2f, -size / 2f);
        }
    }

    /// <summary>Draws hair, light and the vignette over the finished scene; the vignette also hides the mask it covers.</summary>
    public void Overlay(SKCanvas image, SKCanvas mask, int size)
    {
        image.ResetMatrix();
        mask.ResetMatrix();
        if (hair) DrawHair(image, size);
        if (illumination) DrawIllumination(image, size);
        if (vignette) DrawVignette(image, mask, size);
    }

    public void AdjustTone(RgbImage image)
    {
        if (!gamma) return;
        double exponent = 0.6 + rng.NextDouble();
        var table = new byte[256];
        for (int v = 0; v < 256; v++) table[v] = (byte)Math.Round(255 * Math.Pow(v / 255.0, exponent));
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++) pixels[i] = table[pixels[i]];
    }

    void DrawHair(SKCanvas image, int size)
    {
        int strands = rng.Next(4, 18);
        HairPainter.Draw(image, rng, SKRect.Create(-0.2f * size, -0.2f * size, 1.4f * size, 1.4f * size), strands,
            HairPainter.Colour(rng), Math.Max(0.8f, size / 110f), size * 0.7f, rng.NextDouble() * Math.PI * 2, 0.5);
    }

    void DrawIllumination(SKCanvas image, int size)
    {
        double angle = rng.NextDouble() * 2 * Math.PI;
        var half = new SKPoint((float)Math.Cos(angle) * size / 2, (float)Math.Sin(angle) * size / 2);
        var centre = new SKPoint(size / 2f, size / 2f);
        using (var gradient = SKShader.CreateLinearGradient(centre - half, centre + half,
                   [SKColors.White, Colours.Grey(0.4 + 0.35 * rng.NextDouble())], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = gradient, BlendMode = SKBlendMode.Multiply })
            image.DrawPaint(paint);

        if (rng.NextDouble() < 0.5) return;
        // A cast shadow: a large soft shape (hand, phone, dermoscope) entering from one edge.
        double side = rng.NextDouble() * 2 * Math.PI;
        float cx = size / 2f + (float)Math.Cos(side) * size * 0.75f, cy = size / 2f + (float)Math.Sin(side) * size * 0.75f;
        using var builder = new SKPathBuilder();
        builder.AddOval(SKRect.Create(cx - size * 0.55f, cy - size * 0.4f, size * 1.1f, size * 0.8f), SKPathDirection.Clockwise);
        using var shadow = builder.Detach();
        shadow.Transform(SKMatrix.CreateRotationDegrees(rng.Next(180), cx, cy));
        using var shade = new SKPaint
        {
            Color = Colours.Grey(0.45 + 0.2 * rng.NextDouble()), BlendMode = SKBlendMode.Multiply, IsAntialias = true,
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, size * 0.05f),
        };
        image.DrawPath(shadow, shade);
    }

    void DrawVignette(SKCanvas image, SKCanvas mask, int size)
    {
        float radius = size * (0.42f + 0.1f * (float)rng.NextDouble());
        float cx = size * (0.47f + 0.06f * (float)rng.NextDouble()), cy = size * (0.47f + 0.06f * (float)rng.NextDouble());
        using var builder = new SKPathBuilder { FillType = SKPathFillType.EvenOdd };
        builder.AddRect(SKRect.Create(-size, -size, 3 * size, 3 * size), SKPathDirection.Clockwise);
        builder.AddCircle(cx, cy, radius, SKPathDirection.Clockwise);
        using var outside = builder.Detach();
        using var dark = new SKPaint
        {
            Color = Colours.Grey(0.03 + 0.07 * rng.NextDouble()), IsAntialias = true,
            MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, size * 0.012f),
        };
        image.DrawPath(outside, dark);
        using var clear = new SKPaint { Color = SKColors.Transparent, BlendMode = SKBlendMode.Src };
        mask.DrawPath(outside, clear);
    }
}
