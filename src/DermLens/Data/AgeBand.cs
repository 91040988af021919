using System.Globalization;

namespace DermLens.Data;

/// <summary>Coarse age bands for subgroup metrics: young adults, then fifteen-year steps, then the elderly.</summary>
public static class AgeBand
{
    /// <summary>The bands from youngest to oldest, as <see cref="Of"/> names them.</summary>
    public static IReadOnlyList<string> Bands { get; } = ["0-29", "30-44", "45-59", "60-74", "75+"];

    // The first age of every band after the first.
    static readonly double[] Starts = [30, 45, 60, 75];

    /// <summary>The band of an age in years as a metadata file writes it ("45.0"); <see cref="Sample.Unknown"/> when it is
    /// empty, "unknown" or not a non-negative number.</summary>
    public static string Of(string age)
    {
        if (!double.TryParse(age, NumberStyles.Float, CultureInfo.InvariantCulture, out var years) || !(years >= 0) || double.IsInfinity(years))
            return Sample.Unknown;
        int band = 0;
        while (band < Starts.Length && years >= Starts[band]) band++;
        return Bands[band];
    }
}
