using DermLens.Training;

namespace DermLens.Tests.Training;

public class LrSuggestionsTests
{
    /// <summary>
    /// A range-test curve in log10(lr) from -6 to 0 in steps of 0.1: a sigmoid fall centred at 1e-4 (the steepest
    /// drop) into a bowl whose bottom is at 1e-1 (index 50), then a rise.
    /// </summary>
    static (double[] Lrs, double[] Losses) FallThenRise()
    {
        var x = Enumerable.Range(0, 61).Select(i => -6 + i / 10.0).ToArray();
        return (x.Select(v => Math.Pow(10, v)).ToArray(),
            x.Select(v => 1.5 - Math.Tanh(2 * (v + 4)) + 0.2 * (v + 1) * (v + 1)).ToArray());
    }

    [Fact]
    public void Minimum_is_the_bottom_of_the_bowl()
    {
        var (_, losses) = FallThenRise();
        Assert.Equal(50, LrSuggestions.Minimum(losses));
    }

    [Fact]
    public void Steepest_is_where_the_fall_is_fastest_in_log_lr()
    {
        var (lrs, losses) = FallThenRise();
        var lr = lrs[LrSuggestions.Steepest(lrs, losses)];
        // The slope -2 sech^2(2(x+4)) + 0.4(x+1) is most negative a little left of x = -4.
        Assert.InRange(Math.Log10(lr), -4.2, -3.95);
    }

    [Fact]
    public void Valley_lies_half_way_down_the_longest_fall()
    {
        var (lrs, losses) = FallThenRise();
        var valley = LrSuggestions.Valley(losses);
        // The fall runs from index 0 to 50: fastai's start is -1, sections = 51 / 3 = 17, index -1 + 17 + 8.
        Assert.Equal(24, valley);
        Assert.True(lrs[valley] > lrs[LrSuggestions.Steepest(lrs, losses)]);
        Assert.True(valley < LrSuggestions.Minimum(losses));
    }

    [Fact]
    public void Valley_follows_the_fall_through_noise()
    {
        var (lrs, losses) = FallThenRise();
        // Every third point bumps up: the longest decreasing subsequence steps over the bumps, so the suggestion stays
        // on the fall, between the steepest drop of the clean curve and its bottom. (Fewer points in the subsequence
        // move fastai's estimate of the valley's start, hence its centre, to the right: 31 instead of 24.)
        var noisy = losses.Select((l, i) => i % 3 == 1 ? l + 0.3 : l).ToArray();
        var valley = LrSuggestions.Valley(noisy);
        Assert.InRange(valley, LrSuggestions.Steepest(lrs, losses) + 1, LrSuggestions.Minimum(losses) - 1);
        Assert.Equal(31, valley);
    }

    [Fact]
    public void Valley_matches_fastai_on_a_small_curve()
    {
        // fastai: lds = [1, 2, 1, 3, 4, 1], max_end 4, max_start 0, sections 4/3, idx 0 + 1 + 0.
        Assert.Equal(1, LrSuggestions.Valley([5, 4, 6, 3, 2, 7]));
    }

    [Fact]
    public void Valley_stays_inside_the_curve_where_fastai_would_wrap_around()
    {
        // fastai computes index -1 here, which Python reads as the last point.
        Assert.Equal(0, LrSuggestions.Valley([2, 1]));
        Assert.Equal(0, LrSuggestions.Valley([3]));
    }

    [Fact]
    public void A_rising_curve_has_its_minimum_and_valley_at_the_start()
    {
        double[] lrs = [1e-3, 1e-2, 1e-1, 1], losses = [1, 2, 4, 8];
        Assert.Equal(0, LrSuggestions.Minimum(losses));
        Assert.Equal(0, LrSuggestions.Valley(losses));
        Assert.Equal(0, LrSuggestions.Steepest(lrs, losses));
    }

    [Fact]
    public void Too_few_points_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LrSuggestions.Steepest([0.1], [1.0]));
        Assert.Throws<ArgumentException>(() => LrSuggestions.Minimum([]));
        Assert.Throws<ArgumentException>(() => LrSuggestions.Steepest([0.1, 1], [1.0]));
    }
}
