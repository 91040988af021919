using System.Runtime.InteropServices;
using DermLens.Imaging.Preprocessing;
using OpenCvSharp;

namespace DermLens.Imaging;

/// <summary>Skin tone as the individual typology angle (ITA, Chardon et al. 1991) of the skin around a lesion, and the six
/// categories Groh et al. and Kinyanjui et al. use to break results down by tone.</summary>
public static class SkinTone
{
    /// <summary>The six ITA categories from light to dark, as <see cref="Category"/> names them.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["very light", "light", "intermediate", "tan", "brown", "dark"];

    // Degrees a tone must exceed to fall in each category but the darkest, light to dark (Chardon et al. 1991).
    static readonly double[] LowerBounds = [55, 41, 28, 10, -30];

    // Without a mask, the outer 15 % of each side is taken as skin: lesions are photographed centred.
    const double BorderShare = 0.15;

    // Dermoscope vignettes and deep shadows are near black; they say nothing about the skin.
    const float MinimumLightness = 10;

    // Fewer skin pixels than this make a median that one hair can move.
    const int MinimumSkinPixels = 16;

    /// <summary>The ITA in degrees of the skin around the lesion: outside <paramref name="mask"/> (non-zero = lesion, scaled to
    /// the image when its size differs), else the outer 15 % of each side; null when too few skin pixels are left.</summary>
    /// <remarks>From the median L* and median b* of those pixels, less near-black ones, so hair, pores and dark corners do
    /// not drag the estimate.</remarks>
    public static double? Ita(RgbImage image, RgbImage? mask = null)
    {
        var lab = Lab(image);
        var lightness = new List<float>();
        var yellowness = new List<float>();
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                if (!(mask == null ? InBorder(image, x, y) : OutsideLesion(image, mask, x, y))) continue;
                int i = (y * image.Width + x) * 3;
                if (lab[i] < MinimumLightness) continue;
                lightness.Add(lab[i]);
                yellowness.Add(lab[i + 2]);
            }
        return lightness.Count < MinimumSkinPixels ? null : ItaOf(Median(lightness), Median(yellowness));
    }

    /// <summary>The ITA in degrees of one sRGB colour, by the same conversion as <see cref="Ita"/>.</summary>
    public static double ItaOfColour(byte red, byte green, byte blue)
    {
        var lab = Lab(new RgbImage(1, 1, [red, green, blue]));
        return ItaOf(lab[0], lab[2]);
    }

    /// <summary>The category of an ITA in degrees: "very light" above 55, "light" above 41, "intermediate" above 28, "tan"
    /// above 10, "brown" above −30, else "dark".</summary>
    public static string Category(double ita)
    {
        if (double.IsNaN(ita)) throw new ArgumentOutOfRangeException(nameof(ita), "An ITA of NaN has no skin-tone category.");
        int category = 0;
        while (category < LowerBounds.Length && !(ita > LowerBounds[category])) category++;
        return Categories[category];
    }

    /// <summary>arctan((L* − 50) / b*) in degrees. A b* of zero or below (grey or bluish, which skin is not) is taken as
    /// b* → 0⁺, so the angle saturates at ±90° with the sign of L* − 50 instead of flipping across the axis.</summary>
    static double ItaOf(double lightness, double yellowness) =>
        Math.Atan2(lightness - 50, Math.Max(yellowness, 0)) * 180 / Math.PI;

    /// <summary>L*, a*, b* per pixel, interleaved: L* in 0..100, a* and b* unquantised, which 8-bit Lab would not give.</summary>
    static float[] Lab(RgbImage image)
    {
        using var rgb = CvImage.ToMat(image);
        using var unit = new Mat();
        rgb.ConvertTo(unit, MatType.CV_32FC3, 1.0 / 255);
        using var lab = new Mat();
        Cv2.CvtColor(unit, lab, ColorConversionCodes.RGB2Lab);
        var values = new float[image.Width * image.Height * 3];
        Marshal.Copy(lab.Data, values, 0, values.Length);
        return values;
    }

    static bool InBorder(RgbImage image, int x, int y)
    {
        int ringX = Math.Max(1, (int)Math.Round(BorderShare * image.Width)), ringY = Math.Max(1, (int)Math.Round(BorderShare * image.Height));
        return x < ringX || x >= image.Width - ringX || y < ringY || y >= image.Height - ringY;
    }

    static bool OutsideLesion(RgbImage image, RgbImage mask, int x, int y)
    {
        var (r, g, b) = mask[(int)((x + 0.5) * mask.Width / image.Width), (int)((y + 0.5) * mask.Height / image.Height)];
        return r == 0 && g == 0 && b == 0;
    }

    static double Median(List<float> values)
    {
        values.Sort();
        int half = values.Count / 2;
        return values.Count % 2 == 1 ? values[half] : (values[half - 1] + (double)values[half]) / 2;
    }
}
