using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Crust: a rough, irregular patch of dried exudate, honey-yellow to brown or blood-dark, with granular texture and cracks.</summary>
internal sealed class CrustPainter : ILesionPainter
{
    static readonly SKColor[] Shades = [new(208, 170, 92), new(170, 118, 62), new(120, 74, 42), new(96, 46, 34)];

    public void Paint(LesionScene s)
    {
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.35, 0.6), s.Uniform(0.65, 1.5), radius: 1, harmonics: 10);
        if (s.Chance(0.5))
        {
            using var halo = LesionShapes.Blob(s.Rng, 0.3, 1, radius: 1.3);
            s.Fill(halo, new SKColor(255, 160, 145, 120), blur: 0.2f, blend: SKBlendMode.Multiply);
        }
        s.DropShadow(outline, 0.06f, 0.4);
        double t = s.Rng.NextDouble() * (Shades.Length - 1);
        int i = Math.Min((int)t, Shades.Length - 2);
        var crust = Colours.Jitter(Colours.Lerp(Shades[i], Shades[i + 1], t - i), s.Rng, 10);
        s.Fill(outline, Colours.Lerp(s.Skin, crust, s.Uniform(0.75, 0.92)), blur: 0.02f);
        s.Texture(outline, s.Uniform(5, 9), 0.35, turbulence: true);
        s.Texture(outline, 2f, 0.3);
        DrawGranules(s, outline, crust);
        DrawCracks(s, outline, crust);
        s.Shade(outline, 0.3);
        s.MarkLesion(outline);
    }

    static void DrawGranules(LesionScene s, SKPath outline, SKColor crust)
    {
        s.Image.Save();
        s.Image.ClipPath(outline, SKClipOperation.Intersect, true);
        int granules = s.Rng.Next(25, 60);
        for (int i = 0; i < granules; i++)
        {
            using var granule = LesionShapes.Circle(s.Uniform(-1.2, 1.2), s.Uniform(-1.2, 1.2), s.Uniform(0.03, 0.08));
            var shade = Colours.Scale(crust, s.Chance(0.5) ? s.Uniform(0.55, 0.8) : s.Uniform(1.1, 1.3));
            s.Fill(granule, shade.WithAlpha(200), blur: 0.01f);
        }
        s.Image.Restore();
    }

    static void DrawCracks(LesionScene s, SKPath outline, SKColor crust)
    {
        s.Image.Save();
        s.Image.ClipPath(outline, SKClipOperation.Intersect, true);
        using var builder = new SKPathBuilder();
        int count = s.Rng.Next(2, 5);
        for (int i = 0; i < count; i++)
        {
            builder.MoveTo(s.Uniform(-0.8, 0.8), s.Uniform(-0.8, 0.8));
            for (int j = 0; j < 3; j++) builder.RLineTo(s.Uniform(-0.35, 0.35), s.Uniform(-0.35, 0.35));
        }
        using var cracks = builder.Detach();
        s.Stroke(cracks, Colours.Scale(crust, 0.4).WithAlpha(190), 0.03f);
        s.Image.Restore();
    }
}
