namespace DermLens.Data;

/// <summary>How to split a data set: the test share (5:1 train/test by default, as the paper), the share of the
/// remaining training data held out for validation, and the seed that makes the split repeatable.</summary>
public sealed record SplitOptions(double TestFraction = 1 / 6.0, double ValidationFraction = 0.1, int Seed = 0)
{
    public void Validate()
    {
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new DermLensException($"Test fraction must be between 0 and 1 (exclusive), got {TestFraction}.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new DermLensException($"Validation fraction must be at least 0 and below 1, got {ValidationFraction}.");
    }
}
