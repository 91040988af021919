using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Blister: a tense translucent dome of clear-yellow fluid with a specular highlight and a thin red rim.</summary>
internal sealed class BlisterPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.04, 0.12), s.Uniform(0.7, 1.4), radius: s.Uniform(0.75, 1.0));
        var red = new SKColor(255, (byte)s.Rng.Next(100, 140), (byte)s.Rng.Next(95, 130));
        if (s.Overlap || s.Chance(0.3))
        {
            // Inflamed surroundings: in the overlapping variant a broad erythema the blister sits in.
            using var halo = LesionShapes.Blob(s.Rng, 0.3, s.Uniform(0.7, 1.4), radius: s.Overlap ? s.Uniform(1.4, 1.8) : 1.2);
            s.Fill(halo, red.WithAlpha((byte)(s.Overlap ? 210 : 120)), blur: 0.25f, blend: SKBlendMode.Multiply);
        }
        s.DropShadow(outline, 0.08f, 0.35);

        var bounds = outline.Bounds;
        var centre = new SKPoint(bounds.MidX, bounds.MidY);
        var fluidCentre = Colours.Lerp(s.Skin, new SKColor(255, 250, 222), s.Overlap ? 0.3 : s.Uniform(0.45, 0.65));
        var fluidEdge = Colours.Lerp(s.Skin, new SKColor(240, 220, 185), 0.25);
        if (s.Overlap) fluidEdge = Colours.Multiply(fluidEdge, red);
        using (var dome = SKShader.CreateRadialGradient(centre + new SKPoint(s.TowardLight.X * 0.2f, s.TowardLight.Y * 0.2f),
                   Math.Max(bounds.Width, bounds.Height) / 2, [fluidCentre.WithAlpha(235), fluidEdge.WithAlpha(215)], SKShaderTileMode.Clamp))
            s.Fill(outline, dome, blur: 0.02f);

        s.Stroke(outline, red.WithAlpha(230), s.Uniform(0.05, 0.11), blur: 0.03f, blend: SKBlendMode.Multiply);
        s.Shade(outline, 0.3);
        s.Specular(centre, s.Uniform(0.12, 0.2), s.Overlap ? s.Uniform(0.3, 0.6) : s.Uniform(0.75, 0.95));
        s.MarkLesion(outline);
    }
}
