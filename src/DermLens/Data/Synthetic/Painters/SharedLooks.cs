using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Looks that two classes share in the study's leading confusions. Both painters of a pair draw their
/// overlapping samples from the same distribution, so those samples are genuinely ambiguous, as in real photos.</summary>
internal static class SharedLooks
{
    /// <summary>A flat reddish-brown patch with a soft edge: erythema on dark skin, or a reddish pigmented macula.</summary>
    public static void ReddishBrownPatch(LesionScene s)
    {
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.15, 0.4), s.Uniform(0.65, 1.5), radius: s.Uniform(0.85, 1.1));
        var filter = new SKColor((byte)s.Rng.Next(205, 235), (byte)s.Rng.Next(112, 148), (byte)s.Rng.Next(92, 125));
        s.Fill(outline, filter.WithAlpha((byte)s.Rng.Next(190, 250)), s.Uniform(0.06, 0.16), SKBlendMode.Multiply);
        s.Texture(outline, 3.5f, 0.12);
        s.MarkLesion(outline);
    }

    /// <summary>A raised pink nodule broken down in the centre: an ulcer with a high rolled rim, or an ulcerated tumour.</summary>
    public static void UlceratedNodule(LesionScene s)
    {
        using var outline = LesionShapes.Blob(s.Rng, s.Uniform(0.06, 0.22), s.Uniform(0.75, 1.3), radius: s.Uniform(0.8, 1.05));
        s.DropShadow(outline, s.Uniform(0.09, 0.16), 0.55);
        var bounds = outline.Bounds;
        var pink = new SKColor((byte)s.Rng.Next(200, 232), (byte)s.Rng.Next(92, 135), (byte)s.Rng.Next(98, 132));
        var body = Colours.Lerp(s.Skin, pink, s.Uniform(0.6, 0.82));
        using (var dome = SKShader.CreateRadialGradient(
                   new SKPoint(bounds.MidX + s.TowardLight.X * 0.3f, bounds.MidY + s.TowardLight.Y * 0.3f),
                   Math.Max(bounds.Width, bounds.Height) * 0.65f,
                   [Colours.Lerp(body, SKColors.White, 0.12), body, Colours.Scale(body, 0.72)], [0f, 0.6f, 1f], SKShaderTileMode.Clamp))
            s.Fill(outline, dome, blur: 0.03f);
        s.Texture(outline, 4f, 0.18);
        s.Shade(outline, 0.4);

        using var crater = LesionShapes.Blob(s.Rng, 0.3, s.Uniform(0.7, 1.4), radius: s.Uniform(0.3, 0.5));
        crater.Offset(s.Uniform(-0.12, 0.12), s.Uniform(-0.12, 0.12));
        UlcerBase(s, crater, fibrin: s.Chance(0.5));
        s.MarkLesion(outline);
    }

    /// <summary>The floor of an ulcer: dark red granulation, optionally yellow fibrin slough, lit as a hollow.</summary>
    public static void UlcerBase(LesionScene s, SKPath crater, bool fibrin)
    {
        s.Fill(crater, Colours.Jitter(new SKColor(145, 40, 40), s.Rng, 18), blur: 0.03f);
        if (fibrin)
        {
            s.Image.Save();
            s.Image.ClipPath(crater, SKClipOperation.Intersect, true);
            int patches = s.Rng.Next(2, 7);
            var bounds = crater.Bounds;
            for (int i = 0; i < patches; i++)
            {
                using var patch = LesionShapes.Blob(s.Rng, 0.4, s.Uniform(0.6, 1.6), radius: s.Uniform(0.08, 0.22) * bounds.Width);
                patch.Offset(s.Uniform(bounds.Left, bounds.Right), s.Uniform(bounds.Top, bounds.Bottom));
                s.Fill(patch, new SKColor(228, 196, 112, (byte)s.Rng.Next(140, 220)), blur: 0.04f);
            }
            s.Image.Restore();
        }
        s.Texture(crater, 8f, 0.35, turbulence: true);
        s.Shade(crater, 0.45, sunken: true);
    }
}
