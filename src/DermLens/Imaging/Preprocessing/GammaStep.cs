namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Gamma correction out = in^(1/gamma) on every channel: gamma &gt; 1 brightens shadows. <c>gamma=auto</c> picks the
/// exponent that brings the mean luminance to a target (0.5 by default), within [0.25, 4].
/// </summary>
public sealed class GammaStep : IPreprocessStep
{
    const double MinGamma = 0.25, MaxGamma = 4.0, DefaultTarget = 0.5;

    /// <summary>The fixed gamma, or null for automatic.</summary>
    public double? Gamma { get; }
    public double Target { get; }
    public string Name { get; }

    public GammaStep(double? gamma, double target = DefaultTarget)
    {
        Gamma = gamma; Target = target;
        Name = gamma is { } g ? $"gamma={StepSpec.Format(g)}"
            : target == DefaultTarget ? "gamma=auto" : $"gamma=auto:target={StepSpec.Format(target)}";
    }

    internal static IPreprocessStep Create(StepSpec spec)
    {
        if (spec.Value == null) throw new DermLensException($"Preprocessing step '{spec.Text}' needs a value: gamma=1.3 or gamma=auto.");
        if (spec.Value == "auto")
        {
            spec.Allow(true, "target");
            return new GammaStep(null, spec.Number("target", DefaultTarget, 0.05, 0.95));
        }
        spec.Allow(true);
        return new GammaStep(spec.ParseNumber(spec.Value, "gamma", MinGamma, MaxGamma));
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        double gamma;
        if (Gamma is { } fixedGamma) gamma = fixedGamma;
        else
        {
            var histograms = ChannelHistograms(image);
            if (histograms.All(h => h[0] + h[255] == image.Width * image.Height))
            {
                log.Note(Name, "image is only black and white; gamma leaves it unchanged");
                return image;
            }
            gamma = AutoGamma(histograms, Target);
            if (gamma is MinGamma or MaxGamma) log.Note(Name, $"target mean {StepSpec.Format(Target)} out of reach; gamma clamped to {StepSpec.Format(gamma)}");
        }
        return Luminance.MapChannels(image, Table(gamma));
    }

    public static byte[] Table(double gamma)
    {
        var table = new byte[256];
        for (int v = 0; v < 256; v++) table[v] = (byte)Math.Round(255 * Math.Pow(v / 255.0, 1 / gamma));
        return table;
    }

    static int[][] ChannelHistograms(RgbImage image)
    {
        var histograms = new[] { new int[256], new int[256], new int[256] };
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 3) { histograms[0][p[i]]++; histograms[1][p[i + 1]]++; histograms[2][p[i + 2]]++; }
        return histograms;
    }

    /// <summary>Bisection on log gamma: the mean of mapped luminance grows monotonically with gamma.</summary>
    static double AutoGamma(int[][] histogram, double target)
    {
        double lo = Math.Log(MinGamma), hi = Math.Log(MaxGamma);
        if (MappedMean(histogram, MaxGamma) < target) return MaxGamma;
        if (MappedMean(histogram, MinGamma) > target) return MinGamma;
        for (int i = 0; i < 40; i++)
        {
            double mid = (lo + hi) / 2;
            if (MappedMean(histogram, Math.Exp(mid)) < target) lo = mid; else hi = mid;
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>Mean luminance after mapping: luminance is linear in R, G, B, so it follows from the channel histograms.</summary>
    static double MappedMean(int[][] histograms, double gamma)
    {
        double[] weights = [0.299, 0.587, 0.114];
        double mean = 0;
        for (int c = 0; c < 3; c++)
        {
            double sum = 0; long count = 0;
            for (int v = 0; v < 256; v++) { sum += histograms[c][v] * Math.Pow(v / 255.0, 1 / gamma); count += histograms[c][v]; }
            mean += weights[c] * sum / count;
        }
        return mean;
    }
}
