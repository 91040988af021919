using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Ulcer: a crater with a dark red base and yellow fibrin, inside a low pink rim and a red surround.</summary>
internal sealed class UlcerPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        if (s.Overlap) { SharedLooks.UlceratedNodule(s); return; }
        double aspect = s.Uniform(0.7, 1.4);
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.12, 0.3), aspect, radius: 1);
        using var surround = LesionShapes.Blob(s.Rng, 0.2, aspect, radius: 1.35);
        s.Fill(surround, new SKColor(255, 150, 140, 150), blur: 0.2f, blend: SKBlendMode.Multiply);

        s.DropShadow(outline, s.Uniform(0.03, 0.07), 0.4);
        var rimPink = new SKColor((byte)s.Rng.Next(205, 230), (byte)s.Rng.Next(110, 140), (byte)s.Rng.Next(110, 135));
        s.Fill(outline, Colours.Lerp(s.Skin, rimPink, s.Uniform(0.4, 0.6)), blur: 0.03f);
        s.Shade(outline, 0.3);

        using var crater = LesionShapes.Blob(s.Rng, s.Uniform(0.15, 0.3), aspect, radius: s.Uniform(0.55, 0.8));
        crater.Offset(s.Uniform(-0.08, 0.08), s.Uniform(-0.08, 0.08));
        SharedLooks.UlcerBase(s, crater, fibrin: s.Chance(0.85));
        s.MarkLesion(outline);
    }
}
