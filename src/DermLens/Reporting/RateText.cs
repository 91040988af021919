using System.Globalization;

namespace DermLens.Reporting;

/// <summary>Writes a learning rate the way people read them: 0.03 or 3e-4, never 3E-04.</summary>
public static class RateText
{
    public static string Format(double rate) => rate is >= 0.01 and < 1000 or 0
        ? rate.ToString("0.###", CultureInfo.InvariantCulture)
        : rate.ToString("0.##e0", CultureInfo.InvariantCulture);
}
