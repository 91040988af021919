using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Colour arithmetic for painting lesions relative to the skin they sit on.</summary>
internal static class Colours
{
    public static SKColor Lerp(SKColor a, SKColor b, double t, byte alpha = 255) => new(
        Channel(a.Red + (b.Red - a.Red) * t),
        Channel(a.Green + (b.Green - a.Green) * t),
        Channel(a.Blue + (b.Blue - a.Blue) * t),
        alpha);

    /// <summary>What a pigment or blood filter over this skin looks like: dark skin stays dark, as it does in photos.</summary>
    public static SKColor Multiply(SKColor skin, SKColor filter, byte alpha = 255) => new(
        Channel(skin.Red * filter.Red / 255.0),
        Channel(skin.Green * filter.Green / 255.0),
        Channel(skin.Blue * filter.Blue / 255.0),
        alpha);

    public static SKColor Scale(SKColor c, double factor) =>
        new(Channel(c.Red * factor), Channel(c.Green * factor), Channel(c.Blue * factor), c.Alpha);

    public static SKColor Jitter(SKColor c, Random rng, int amount) => new(
        Channel(c.Red + rng.Next(-amount, amount + 1)),
        Channel(c.Green + rng.Next(-amount, amount + 1)),
        Channel(c.Blue + rng.Next(-amount, amount + 1)),
        c.Alpha);

    public static SKColor Grey(double level, byte alpha = 255)
    {
        var v = Channel(level * 255);
        return new SKColor(v, v, v, alpha);
    }

    static byte Channel(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
