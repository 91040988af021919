namespace DermLens.Imaging;

/// <summary>The outcome of <see cref="ImageQuality.Check"/>: every reason the photo is unfit to score, none when it is fit.</summary>
/// <param name="Issues">The failed checks, in the order size, exposure, sharpness, skin.</param>
public sealed record QualityReport(IReadOnlyList<QualityIssue> Issues)
{
    /// <summary>True when no check failed and the photo can be scored.</summary>
    public bool Ok => Issues.Count == 0;
}
