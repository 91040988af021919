namespace DermLens.Imaging;

/// <summary>One reason a photo is unfit to score, as <see cref="ImageQuality.Check"/> finds it.</summary>
/// <param name="Check">Which check failed: one of the constants of this record, stable for code to match on.</param>
/// <param name="Message">A plain sentence for the patient or nurse: what is wrong and how to retake the photo.</param>
/// <param name="Value">What the check measured, in the units of <paramref name="Limit"/>.</param>
/// <param name="Limit">The threshold the value fell on the wrong side of (one of the constants of <see cref="ImageQuality"/>).</param>
public sealed record QualityIssue(string Check, string Message, double Value, double Limit)
{
    /// <summary>The shorter side is below <see cref="ImageQuality.MinShorterSide"/> pixels.</summary>
    public const string TooSmall = "too-small";

    /// <summary>The mean luminance is below <see cref="ImageQuality.MinMeanLuminance"/>.</summary>
    public const string TooDark = "too-dark";

    /// <summary>More than <see cref="ImageQuality.MaxClippedShare"/> of the pixels are blown out to white.</summary>
    public const string Overexposed = "overexposed";

    /// <summary>The variance of the Laplacian is below <see cref="ImageQuality.MinSharpness"/>.</summary>
    public const string Blurred = "blurred";

    /// <summary>Fewer than <see cref="ImageQuality.MinSkinShare"/> of the pixels have a skin colour.</summary>
    public const string NotSkin = "not-skin";
}
