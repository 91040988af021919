namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Shades of Gray colour constancy (Finlayson and Trezzi 2004): the illuminant of channel c is the Minkowski p-mean
/// of its values, and each channel is scaled so the illuminant becomes gray. Gray world is the case p = 1.
/// Near-black pixels (vignette) and clipped ones carry no illuminant information and are left out of the estimate.
/// </summary>
public sealed class ColorConstancyStep : IPreprocessStep
{
    const double DefaultP = 6;
    const int DarkLimit = 16, ClipLimit = 254;

    public double P { get; }
    public string Name { get; }

    public ColorConstancyStep(double p)
    {
        P = p;
        Name = p == 1 ? "color=gray-world" : p == DefaultP ? "color=shades-of-gray" : $"color=shades-of-gray:p={StepSpec.Format(p)}";
    }

    internal static IPreprocessStep Create(StepSpec spec)
    {
        switch (spec.Value)
        {
            case "gray-world":
                spec.Allow(true);
                return new ColorConstancyStep(1);
            case "shades-of-gray":
                spec.Allow(true, "p");
                return new ColorConstancyStep(spec.Number("p", DefaultP, 1, 32));
            default:
                throw new DermLensException($"Preprocessing step '{spec.Text}': colour constancy method "
                    + (spec.Value == null ? "missing" : $"'{spec.Value}' unknown") + "; known: color=shades-of-gray[:p=6], color=gray-world.");
        }
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        var illuminant = Illuminant(image, P);
        if (illuminant == null)
        {
            log.Note(Name, "no pixels between black and clipped white; colour left unchanged");
            return image;
        }
        double gray = (illuminant[0] + illuminant[1] + illuminant[2]) / 3;
        if (illuminant.Any(e => e < 1e-6))
        {
            log.Note(Name, "a colour channel is empty; colour left unchanged");
            return image;
        }
        var tables = new byte[3][];
        for (int c = 0; c < 3; c++)
        {
            double gain = gray / illuminant[c];
            tables[c] = new byte[256];
            for (int v = 0; v < 256; v++) tables[c][v] = (byte)Math.Min(255, Math.Round(v * gain));
        }
        var result = new RgbImage(image.Width, image.Height);
        var src = image.Pixels; var dst = result.Pixels;
        for (int i = 0; i < src.Length; i += 3)
        {
            dst[i] = tables[0][src[i]]; dst[i + 1] = tables[1][src[i + 1]]; dst[i + 2] = tables[2][src[i + 2]];
        }
        return result;
    }

    /// <summary>The Minkowski p-mean of each channel over informative pixels, or null when there are none.</summary>
    public static double[]? Illuminant(RgbImage image, double p)
    {
        var powers = new double[256];
        for (int v = 0; v < 256; v++) powers[v] = Math.Pow(v / 255.0, p);
        var sums = new double[3];
        long count = 0;
        var px = image.Pixels;
        for (int i = 0; i < px.Length; i += 3)
        {
            byte r = px[i], g = px[i + 1], b = px[i + 2];
            int max = Math.Max(r, Math.Max(g, b));
            if (max < DarkLimit || max > ClipLimit) continue;
            sums[0] += powers[r]; sums[1] += powers[g]; sums[2] += powers[b];
            count++;
        }
        if (count == 0) return null;
        return sums.Select(s => 255 * Math.Pow(s / count, 1 / p)).ToArray();
    }
}
