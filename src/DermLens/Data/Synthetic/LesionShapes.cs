using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Outlines of lesions in lesion units (radius about 1, centred on the origin).</summary>
internal static class LesionShapes
{
    const int Points = 40;

    /// <summary>A closed smooth outline whose radius wobbles by up to <paramref name="roughness"/>; higher harmonics make it ragged.</summary>
    public static SKPath Blob(Random rng, double roughness, double aspect = 1, double radius = 1, int harmonics = 7)
    {
        var amplitude = new double[harmonics + 1];
        var phase = new double[harmonics + 1];
        for (int k = 2; k <= harmonics; k++)
        {
            amplitude[k] = roughness * rng.NextDouble() / Math.Pow(k - 1, 0.7);
            phase[k] = rng.NextDouble() * 2 * Math.PI;
        }
        var radii = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            double theta = 2 * Math.PI * i / Points, r = 1;
            for (int k = 2; k <= harmonics; k++) r += amplitude[k] * Math.Cos(k * theta + phase[k]);
            radii[i] = r;
        }
        // Normalise so the mean radius is the one asked for and no lobe folds through the centre.
        double mean = radii.Average();
        var outline = new SKPoint[Points];
        for (int i = 0; i < Points; i++)
        {
            double theta = 2 * Math.PI * i / Points, r = Math.Max(0.35, radii[i] / mean) * radius;
            outline[i] = new SKPoint((float)(r * Math.Cos(theta) * Math.Sqrt(aspect)), (float)(r * Math.Sin(theta) / Math.Sqrt(aspect)));
        }
        return SmoothClosed(outline);
    }

    /// <summary>The union of overlapping discs: the polycyclic, map-like outline of urticarial plaques.</summary>
    public static SKPath Polycyclic(Random rng, int discs, double spread)
    {
        var path = Circle(0, 0, (float)(0.55 + 0.2 * rng.NextDouble()));
        for (int i = 1; i < discs; i++)
        {
            double angle = rng.NextDouble() * 2 * Math.PI, distance = spread * (0.4 + 0.6 * rng.NextDouble());
            using var disc = Circle((float)(distance * Math.Cos(angle)), (float)(distance * Math.Sin(angle)), (float)(0.3 + 0.3 * rng.NextDouble()));
            using var union = path.Op(disc, SKPathOp.Union);
            if (union != null) { path.Dispose(); path = new SKPath(union); }
        }
        return path;
    }

    public static SKPath Circle(float x, float y, float radius)
    {
        using var builder = new SKPathBuilder();
        builder.AddCircle(x, y, radius, SKPathDirection.Clockwise);
        return builder.Detach();
    }

    /// <summary>Catmull-Rom through the points, as cubic segments, so outlines have no corners.</summary>
    static SKPath SmoothClosed(SKPoint[] p)
    {
        using var path = new SKPathBuilder();
        int n = p.Length;
        path.MoveTo(p[0]);
        for (int i = 0; i < n; i++)
        {
            SKPoint p0 = p[(i - 1 + n) % n], p1 = p[i], p2 = p[(i + 1) % n], p3 = p[(i + 2) % n];
            path.CubicTo(
                p1.X + (p2.X - p0.X) / 6, p1.Y + (p2.Y - p0.Y) / 6,
                p2.X - (p3.X - p1.X) / 6, p2.Y - (p3.Y - p1.Y) / 6,
                p2.X, p2.Y);
        }
        path.Close();
        return path.Detach();
    }
}
