using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Alopecia: a round, smooth, hairless patch in a field of hair, with a few broken hairs and black dots inside.</summary>
internal sealed class AlopeciaPainter : ILesionPainter
{
    public void Paint(LesionScene s)
    {
        using var patch = LesionShapes.Blob(s.Rng, s.Uniform(0.04, 0.15), s.Uniform(0.75, 1.35), radius: s.Uniform(0.85, 1.1));
        s.Fill(patch, Colours.Lerp(s.Skin, SKColors.White, s.Uniform(0.05, 0.2)).WithAlpha(200), blur: 0.1f);
        var hair = HairPainter.Colour(s.Rng);

        // The hair field is drawn in pixels so strands keep a natural width whatever the lesion's scale.
        using var devicePatch = new SKPath(patch);
        devicePatch.Transform(s.Image.TotalMatrix);
        var area = SKRect.Create(s.Image.DeviceClipBounds.Width, s.Image.DeviceClipBounds.Height);
        float size = area.Width;
        s.Image.Save();
        s.Image.ResetMatrix();
        s.Image.ClipPath(devicePatch, SKClipOperation.Difference, true);
        HairPainter.Draw(s.Image, s.Rng, Inflate(area, size * 0.15f), s.Rng.Next(260, 380), hair,
            Math.Max(0.7f, size / 150f), size * s.Uniform(0.07, 0.13), s.Rng.NextDouble() * 2 * Math.PI, 0.35);
        s.Image.Restore();

        // Exclamation-mark hairs and black dots: broken hairs left inside the patch.
        int broken = s.Rng.Next(0, 6);
        for (int i = 0; i < broken; i++)
        {
            float x = s.Uniform(-0.6, 0.6), y = s.Uniform(-0.6, 0.6);
            using var builder = new SKPathBuilder();
            builder.MoveTo(x, y);
            builder.RLineTo(s.Uniform(-0.12, 0.12), s.Uniform(-0.12, 0.12));
            using var stub = builder.Detach();
            if (s.Chance(0.5)) s.Stroke(stub, hair.WithAlpha(220), 0.8f / s.UnitPixels * 1.3f);
            else
            {
                using var dot = LesionShapes.Circle(x, y, 1.1f / s.UnitPixels);
                s.Fill(dot, hair.WithAlpha(220));
            }
        }
        s.MarkLesion(patch);
    }

    static SKRect Inflate(SKRect r, float by) => SKRect.Create(r.Left - by, r.Top - by, r.Width + 2 * by, r.Height + 2 * by);
}
