using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Leukoderma: a depigmented, milky-white patch with a sharp irregular border, sometimes with islands of repigmentation.</summary>
internal sealed class LeukodermaPainter : ILesionPainter
{
    static readonly SKColor Depigmented = new(247, 234, 226);

    public void Paint(LesionScene s)
    {
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.3, 0.6), s.Uniform(0.6, 1.6), radius: 1.05, harmonics: 9);
        var white = Colours.Jitter(Colours.Lerp(s.Skin, Depigmented, s.Uniform(0.6, 0.92)), s.Rng, 5);
        s.Fill(outline, white, blur: 0.015f);

        if (s.Chance(0.5))
        {
            // Perifollicular repigmentation: small dots of the normal skin tone inside the patch.
            int islands = s.Rng.Next(3, 12);
            for (int i = 0; i < islands; i++)
            {
                using var dot = LesionShapes.Circle(s.Uniform(-0.6, 0.6), s.Uniform(-0.6, 0.6), s.Uniform(0.03, 0.08));
                s.Fill(dot, s.Skin.WithAlpha(200), blur: 0.02f);
            }
        }
        s.Texture(outline, 4f, 0.1);
        s.MarkLesion(outline);
    }
}
