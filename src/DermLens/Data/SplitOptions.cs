namespace DermLens.Data;

/// <summary>How to split a data set: the test share (5:1 train/test by default, as the paper; 0 for no test part beyond
/// one the data set comes with, e.g. when a separate test set is evaluated), the share of the remaining training data
/// held out for validation, and the seed that makes the split repeatable.</summary>
public sealed record SplitOptions(double TestFraction = 1 / 6.0, double ValidationFraction = 0.1, int Seed = 0)
{
    public void Validate()
    {
        if (!(TestFraction >= 0 && TestFraction < 1))
            throw new DermLensException($"Test fraction must be at least 0 and below 1, got {TestFraction}.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new DermLensException($"Validation fraction must be at least 0 and below 1, got {ValidationFraction}.");
    }
}
