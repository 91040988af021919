using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Tumor: a raised, shaded red-pink nodule with a glossy surface, fine vessels, and sometimes an ulcerated centre.</summary>
internal sealed class TumorPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        if (s.Overlap) { SharedLooks.UlceratedNodule(s); return; }
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.05, 0.18), s.Uniform(0.8, 1.25), radius: s.Uniform(0.8, 1.05));
        s.DropShadow(outline, s.Uniform(0.1, 0.18), 0.6);

        var bounds = outline.Bounds;
        var centre = new SKPoint(bounds.MidX, bounds.MidY);
        var pink = new SKColor((byte)s.Rng.Next(200, 235), (byte)s.Rng.Next(85, 130), (byte)s.Rng.Next(95, 130));
        var body = Colours.Lerp(s.Skin, pink, s.Uniform(0.6, 0.85));
        using (var dome = SKShader.CreateRadialGradient(centre + new SKPoint(s.TowardLight.X * 0.3f, s.TowardLight.Y * 0.3f),
                   Math.Max(bounds.Width, bounds.Height) * 0.65f,
                   [Colours.Lerp(body, SKColors.White, 0.15), body, Colours.Scale(body, 0.7)], [0f, 0.6f, 1f], SKShaderTileMode.Clamp))
            s.Fill(outline, dome, blur: 0.03f);
        s.Texture(outline, 4f, 0.2);

        if (s.Chance(0.35)) DrawVessels(s);
        if (s.Chance(0.2)) DrawErosion(s);
        s.Shade(outline, 0.45);
        s.Specular(centre, s.Uniform(0.15, 0.25), s.Uniform(0.35, 0.6));
        s.MarkLesion(outline);
    }

    static void DrawVessels(LesionScene s)
    {
        using var builder = new SKPathBuilder();
        int count = s.Rng.Next(2, 5);
        for (int i = 0; i < count; i++)
        {
            builder.MoveTo(s.Uniform(-0.6, 0.6), s.Uniform(-0.6, 0.6));
            builder.QuadTo(s.Uniform(-0.6, 0.6), s.Uniform(-0.6, 0.6), s.Uniform(-0.6, 0.6), s.Uniform(-0.6, 0.6));
        }
        using var vessel = builder.Detach();
        s.Stroke(vessel, new SKColor(170, 30, 40, 160), 0.025f);
    }

    /// <summary>A small eroded spot on the surface, short of the ulcerated centre of the overlapping look.</summary>
    static void DrawErosion(LesionScene s)
    {
        using var erosion = LesionShapes.Blob(s.Rng, 0.3, s.Uniform(0.7, 1.4), radius: s.Uniform(0.12, 0.25));
        erosion.Offset(s.Uniform(-0.3, 0.3), s.Uniform(-0.3, 0.3));
        s.Fill(erosion, Colours.Jitter(new SKColor(135, 35, 38), s.Rng, 15), blur: 0.04f);
        s.Texture(erosion, 7f, 0.35, turbulence: true);
    }
}
