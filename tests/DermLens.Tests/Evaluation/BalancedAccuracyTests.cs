using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class BalancedAccuracyTests
{
    [Fact]
    public void Every_present_class_counts_alike_whatever_its_size()
    {
        // Class 0: 3 of 4 right; class 1: 0 of 1; class 2 never occurs in the truth and does not count.
        Assert.Equal((0.75 + 0) / 2, BalancedAccuracy.Of([0, 0, 0, 0, 1], [0, 0, 0, 2, 0]), 12);
        Assert.Equal(1.0, BalancedAccuracy.Of([3L, 1L], [3L, 1L]));
        Assert.True(double.IsNaN(BalancedAccuracy.Of(Array.Empty<int>(), Array.Empty<int>())));
    }
}
