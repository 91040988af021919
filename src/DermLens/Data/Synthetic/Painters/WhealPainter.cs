using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Wheal: a slightly raised pale-pink plaque with a map-like polycyclic outline inside a red flare.</summary>
internal sealed class WhealPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        using var outline = LesionShapes.Polycyclic(s.Rng, s.Rng.Next(3, 7), s.Uniform(0.5, 0.8));
        var stretch = SKMatrix.CreateScale(s.Uniform(0.85, 1.25), s.Uniform(0.85, 1.25));
        outline.Transform(stretch);

        // The flare: redness spreading beyond the plaque; wider and deeper in the erythema-like variant.
        var flare = new SKColor(255, (byte)s.Rng.Next(105, 140), (byte)s.Rng.Next(105, 135), (byte)s.Rng.Next(170, 230));
        s.Stroke(outline, flare, s.Overlap ? s.Uniform(0.35, 0.55) : s.Uniform(0.15, 0.3), blur: 0.12f, blend: SKBlendMode.Multiply);
        s.Fill(outline, flare.WithAlpha(110), blur: 0.1f, blend: SKBlendMode.Multiply);

        s.DropShadow(outline, 0.04f, 0.2);
        var plaque = s.Overlap
            ? Colours.Multiply(s.Skin, new SKColor(255, 175, 165))
            : Colours.Lerp(s.Skin, new SKColor(252, 222, 214), s.Uniform(0.35, 0.6));
        s.Fill(outline, plaque.WithAlpha(230), blur: 0.05f);
        s.Shade(outline, 0.22);
        s.Texture(outline, 5f, 0.12);
        s.MarkLesion(outline);
    }
}
