using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Draws hair strands as thin curved strokes, for Alopecia's hair field and the hair confounder.</summary>
internal static class HairPainter
{
    /// <summary>Scatters <paramref name="count"/> strands over <paramref name="area"/>, combed roughly along <paramref name="flow"/> (radians).</summary>
    public static void Draw(SKCanvas canvas, Random rng, SKRect area, int count, SKColor colour, float width, float length,
        double flow, double disorder)
    {
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
        for (int i = 0; i < count; i++)
        {
            float x = area.Left + (float)rng.NextDouble() * area.Width;
            float y = area.Top + (float)rng.NextDouble() * area.Height;
            double angle = flow + disorder * (rng.NextDouble() - 0.5) * Math.PI;
            float len = length * (0.6f + 0.8f * (float)rng.NextDouble());
            float dx = (float)Math.Cos(angle) * len, dy = (float)Math.Sin(angle) * len;
            float bend = (float)(rng.NextDouble() - 0.5) * 0.5f;
            using var builder = new SKPathBuilder();
            builder.MoveTo(x, y);
            builder.QuadTo(x + dx / 2 - dy * bend, y + dy / 2 + dx * bend, x + dx, y + dy);
            using var strand = builder.Detach();
            paint.StrokeWidth = width * (0.7f + 0.6f * (float)rng.NextDouble());
            paint.Color = Colours.Jitter(colour, rng, 12).WithAlpha((byte)rng.Next(170, 256));
            canvas.DrawPath(strand, paint);
        }
    }

    /// <summary>A natural hair colour: black, dark brown, brown, auburn or, rarely, grey-blond.</summary>
    public static SKColor Colour(Random rng) => rng.Next(6) switch
    {
        0 or 1 => new SKColor(25, 20, 18),
        2 => new SKColor(55, 38, 28),
        3 => new SKColor(92, 62, 40),
        4 => new SKColor(120, 58, 32),
        _ => new SKColor(140, 118, 88),
    };
}
