using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class CalibrationErrorTests
{
    [Fact]
    public void Calibrated_bin_has_zero_error()
    {
        // Confidence 0.75 and three of four right.
        Assert.Equal(0.0, CalibrationError.Expected([0.75, 0.75, 0.75, 0.75], [true, true, true, false]), 12);
    }

    [Fact]
    public void Overconfident_predictions_add_their_gap_weighted_by_bin_share()
    {
        // Bin (0.933, 1]: two at 0.95, one right -> |0.5 - 0.95| x 2/4; bin (0.266, 0.333]: two at 0.3, both right -> |1 - 0.3| x 2/4.
        var ece = CalibrationError.Expected([0.95, 0.95, 0.3, 0.3], [true, false, true, true]);
        Assert.Equal(0.45 * 0.5 + 0.7 * 0.5, ece, 12);
    }

    [Fact]
    public void Samples_in_different_bins_do_not_cancel()
    {
        // One overconfident (0.9, wrong) and one underconfident (0.1, right) would cancel in a single bin.
        Assert.Equal(0.9, CalibrationError.Expected([0.9, 0.1], [false, true]), 12);
        Assert.Equal(0.0, CalibrationError.Expected([0.9, 0.1], [false, true], bins: 1), 12);
    }
}
