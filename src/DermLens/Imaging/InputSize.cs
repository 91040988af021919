using System.Globalization;
using System.Text.Json.Serialization;

namespace DermLens.Imaging;

/// <summary>A model input size, height then width as torch orders them: "224" is 224x224, "150x200" is 150 high and 200 wide.</summary>
[JsonConverter(typeof(InputSizeJsonConverter))]
public readonly record struct InputSize
{
    public InputSize(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new DermLensException($"An input size needs positive sides, got {height}x{width}.");
        (Height, Width) = (height, width);
    }

    public int Height { get; }
    public int Width { get; }
    public bool IsSquare => Height == Width;
    /// <summary>Pixels of one channel plane, Height * Width.</summary>
    public int Plane => Height * Width;

    public static InputSize Square(int side) => new(side, side);

    /// <summary>A bare side is the square of that side, as the option always meant.</summary>
    public static implicit operator InputSize(int side) => Square(side);

    /// <summary>Each side scaled by factor, rounded up.</summary>
    public InputSize Scaled(double factor) => new((int)Math.Ceiling(Height * factor), (int)Math.Ceiling(Width * factor));

    /// <summary>"N" (square) or "HxW"; name is what the message calls the value when the text is neither.</summary>
    public static InputSize Parse(string text, string name = "--image-size")
    {
        var parts = text.Trim().Split('x', 'X');
        var sides = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var side) && side > 0 ? side : 0).ToArray();
        if (parts.Length > 2 || sides.Any(side => side == 0))
            throw new DermLensException($"{name} must be N or HxW, e.g. 224 or 150x200, got '{text}'.");
        return sides.Length == 1 ? Square(sides[0]) : new InputSize(sides[0], sides[1]);
    }

    public override string ToString() => IsSquare
        ? Height.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}");
}
