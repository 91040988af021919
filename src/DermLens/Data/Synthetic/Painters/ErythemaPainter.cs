using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Erythema: a diffuse red blotch with soft edges and mottled redness, flat.</summary>
internal sealed class ErythemaPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        // Half the overlapping samples share the pigmented macula's reddish-brown look; the others carry a tense sheen.
        if (s.Overlap && s.Chance(0.5)) { SharedLooks.ReddishBrownPatch(s); return; }
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.25, 0.5), s.Uniform(0.6, 1.6), radius: 1.1);
        // Blood acts as a red filter over the skin, so on dark skin the patch turns dark red-brown.
        var filter = new SKColor(255, (byte)s.Rng.Next(100, 145), (byte)s.Rng.Next(100, 140));
        float blur = s.Uniform(0.12, 0.3);
        s.Fill(outline, filter.WithAlpha((byte)s.Rng.Next(170, 240)), blur, SKBlendMode.Multiply);

        // Redness is uneven: a few deeper blotches inside.
        int blotches = s.Rng.Next(1, 4);
        for (int i = 0; i < blotches; i++)
        {
            using var blotch = LesionShapes.Blob(s.Rng, 0.3, s.Uniform(0.7, 1.4), radius: s.Uniform(0.25, 0.5));
            blotch.Offset(s.Uniform(-0.5, 0.5), s.Uniform(-0.5, 0.5));
            s.Fill(blotch, filter.WithAlpha(90), blur * 1.5f, SKBlendMode.Multiply);
        }
        if (s.Overlap)
        {
            s.Shade(outline, 0.15);
            s.Specular(SKPoint.Empty, s.Uniform(0.15, 0.3), s.Uniform(0.25, 0.45));
        }
        s.Texture(outline, 3f, 0.18);
        s.MarkLesion(outline);
    }
}
