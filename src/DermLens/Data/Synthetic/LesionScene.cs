using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>What a lesion painter draws on: the photo and its mask, both already mapped to lesion units
/// (origin at the lesion centre, radius about 1), with the skin below, the light direction and the dice.</summary>
internal sealed class LesionScene(SKCanvas image, SKCanvas mask, Random rng, SKColor skin, SKPoint towardLight, float unitPixels, bool overlap)
{
    public SKCanvas Image { get; } = image;
    public Random Rng { get; } = rng;
    public SKColor Skin { get; } = skin;
    /// <summary>Unit vector, in lesion units, pointing to the light (upper left on the photo whatever the rotation).</summary>
    public SKPoint TowardLight { get; } = towardLight;
    /// <summary>Pixels per lesion unit, to keep fine strokes at least a pixel wide at small sizes.</summary>
    public float UnitPixels { get; } = unitPixels;
    /// <summary>Draw this sample with the look of the class it is confused with in the study.</summary>
    public bool Overlap { get; } = overlap;

    public float Uniform(double low, double high) => (float)(low + (high - low) * Rng.NextDouble());
    public bool Chance(double probability) => Rng.NextDouble() < probability;

    /// <summary>Adds the outline to the lesion mask (everything a dermatologist would trace as lesion).</summary>
    public void MarkLesion(SKPath outline)
    {
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        mask.DrawPath(outline, paint);
    }

    public void Fill(SKPath path, SKColor colour, float blur = 0, SKBlendMode blend = SKBlendMode.SrcOver)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true, BlendMode = blend };
        if (blur > 0) paint.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, blur, true);
        Image.DrawPath(path, paint);
    }

    public void Fill(SKPath path, SKShader shader, float blur = 0, SKBlendMode blend = SKBlendMode.SrcOver)
    {
        using var paint = new SKPaint { Shader = shader, IsAntialias = true, BlendMode = blend };
        if (blur > 0) paint.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, blur, true);
        Image.DrawPath(path, paint);
    }

    public void Stroke(SKPath path, SKColor colour, float width, float blur = 0, SKBlendMode blend = SKBlendMode.SrcOver)
    {
        using var paint = new SKPaint
        {
            Color = colour, IsAntialias = true, BlendMode = blend, Style = SKPaintStyle.Stroke,
            StrokeWidth = Math.Max(width, 0.8f / UnitPixels), StrokeCap = SKStrokeCap.Round,
        };
        if (blur > 0) paint.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, blur, true);
        Image.DrawPath(path, paint);
    }

    /// <summary>The soft shadow a raised lesion casts away from the light; draw it before the lesion itself.</summary>
    public void DropShadow(SKPath outline, float height, double darkness = 0.55)
    {
        using var shadow = new SKPath(outline);
        shadow.Offset(-TowardLight.X * height, -TowardLight.Y * height);
        Fill(shadow, Colours.Grey(1 - darkness), blur: height * 1.2f + 0.03f, blend: SKBlendMode.Multiply);
    }

    /// <summary>Lights the lit side and darkens the far side of a raised lesion, inside its outline;
    /// a sunken one (a crater) is lit the other way round.</summary>
    public void Shade(SKPath outline, double strength, bool sunken = false, float offset = 0.25f)
    {
        var towardLight = sunken ? new SKPoint(-TowardLight.X, -TowardLight.Y) : TowardLight;
        var bounds = outline.Bounds;
        float reach = Math.Max(bounds.Width, bounds.Height) / 2;
        var centre = new SKPoint(bounds.MidX, bounds.MidY);
        var lit = centre + new SKPoint(towardLight.X * reach * (1 - offset), towardLight.Y * reach * (1 - offset));
        var far = centre - new SKPoint(towardLight.X * reach, towardLight.Y * reach);
        byte a = (byte)Math.Clamp(strength * 255, 0, 255);
        using var shader = SKShader.CreateLinearGradient(lit, far,
            [new SKColor(255, 255, 255, a), new SKColor(128, 128, 128, 0), new SKColor(0, 0, 0, a)],
            [0f, 0.45f, 1f], SKShaderTileMode.Clamp);
        Image.Save();
        Image.ClipPath(outline, SKClipOperation.Intersect, true);
        using var paint = new SKPaint { Shader = shader, IsAntialias = true, BlendMode = SKBlendMode.Overlay };
        Image.DrawPaint(paint);
        Image.Restore();
    }

    /// <summary>A blurred white glint on the lit side: what makes a surface read as wet or tense.</summary>
    public void Specular(SKPoint centre, float radius, double strength, float distance = 0.45f)
    {
        var spot = centre + new SKPoint(TowardLight.X * distance, TowardLight.Y * distance);
        using var builder = new SKPathBuilder();
        builder.AddOval(SKRect.Create(spot.X - radius, spot.Y - radius * 0.7f, radius * 2, radius * 1.4f), SKPathDirection.Clockwise);
        using var glint = builder.Detach();
        Fill(glint, new SKColor(255, 255, 250, (byte)(strength * 255)), blur: radius * 0.6f);
    }

    /// <summary>Fractal noise inside the outline, blended so that mid-grey leaves the colour unchanged.</summary>
    public void Texture(SKPath outline, float frequency, double strength, bool turbulence = false, int octaves = 3)
    {
        using var noise = turbulence ? Noise.Turbulence(Rng, frequency, octaves) : Noise.Fractal(Rng, frequency, octaves);
        using var grey = Noise.GreyFilter(strength);
        using var paint = new SKPaint { Shader = noise, ColorFilter = grey, BlendMode = SKBlendMode.Overlay, IsAntialias = true };
        Image.Save();
        Image.ClipPath(outline, SKClipOperation.Intersect, true);
        Image.DrawPaint(paint);
        Image.Restore();
    }
}
