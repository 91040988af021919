using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Pigmented macula: a flat brown patch of even colour with a fairly regular, defined border.</summary>
internal sealed class PigmentedMaculaPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        // The overlapping samples are reddish-brown with a soft edge, the look erythema has on dark skin.
        if (s.Overlap) { SharedLooks.ReddishBrownPatch(s); return; }
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.1, 0.3), s.Uniform(0.7, 1.4), radius: s.Uniform(0.8, 1.05));
        var filter = new SKColor((byte)s.Rng.Next(160, 195), (byte)s.Rng.Next(110, 135), (byte)s.Rng.Next(75, 100));
        float blur = s.Uniform(0.02, 0.06);
        s.Fill(outline, filter.WithAlpha((byte)s.Rng.Next(200, 256)), blur, SKBlendMode.Multiply);
        s.Texture(outline, 4f, 0.08);
        s.MarkLesion(outline);
    }
}
