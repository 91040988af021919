using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Acne: a scatter of small inflamed papules, many of them pustules with a white-yellow head, and a few comedones.</summary>
internal sealed class AcnePainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        var spots = Scatter(s, s.Rng.Next(4, 11));
        var red = new SKColor(255, (byte)s.Rng.Next(95, 130), (byte)s.Rng.Next(95, 125));
        foreach (var (x, y, r) in spots)
        {
            using var halo = LesionShapes.Circle(x, y, r * 1.8f);
            s.Fill(halo, red.WithAlpha(110), blur: r * 0.6f, blend: SKBlendMode.Multiply);
            using var papule = LesionShapes.Blob(s.Rng, 0.08, s.Uniform(0.8, 1.25), radius: r);
            papule.Offset(x, y);
            s.DropShadow(papule, r * 0.25f, 0.3);
            s.Fill(papule, red.WithAlpha(235), blur: r * 0.2f, blend: SKBlendMode.Multiply);
            s.Shade(papule, 0.35);
            if (s.Chance(0.55))
            {
                using var head = LesionShapes.Circle(x, y, r * s.Uniform(0.3, 0.5));
                s.Fill(head, new SKColor(252, 246, 212, 240), blur: r * 0.15f);
            }
            else if (s.Chance(0.25))
            {
                using var comedo = LesionShapes.Circle(x, y, r * 0.25f);
                s.Fill(comedo, new SKColor(45, 32, 25, 220), blur: r * 0.08f);
            }
            s.Specular(new SKPoint(x, y), r * 0.25f, 0.5, distance: r * 0.45f);
            s.MarkLesion(papule);
        }
    }

    /// <summary>Papule centres and radii spread over a disc, kept apart so each stays a separate spot.</summary>
    static List<(float X, float Y, float R)> Scatter(LesionScene s, int count)
    {
        var spots = new List<(float X, float Y, float R)>();
        for (int attempt = 0; attempt < count * 20 && spots.Count < count; attempt++)
        {
            double angle = s.Rng.NextDouble() * 2 * Math.PI, distance = 1.6 * Math.Sqrt(s.Rng.NextDouble());
            float x = (float)(distance * Math.Cos(angle)), y = (float)(distance * Math.Sin(angle)), r = s.Uniform(0.2, 0.32);
            if (spots.All(o => Math.Sqrt((o.X - x) * (o.X - x) + (o.Y - y) * (o.Y - y)) > (o.R + r) * 1.2)) spots.Add((x, y, r));
        }
        return spots;
    }
}
