using DermLens.Training.Schedules;

namespace DermLens.Tests.Training.Schedules;

public class OneCycleScheduleTests
{
    [Fact]
    public void Warms_up_to_the_peak_at_pct_start_then_anneals_to_the_final_rate()
    {
        var schedule = new OneCycleSchedule(maxLr: 0.5, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4);

        Assert.Equal(0.02, schedule.At(0), 12);
        Assert.Equal(0.5, schedule.At(0.3), 12);
        Assert.Equal(2e-6, schedule.At(1), 12);
        Assert.Equal(0.02, schedule.Start, 12);
        Assert.Equal(2e-6, schedule.End, 12);
        // Cosine warm-up: half-way through it the rate is half-way between start and peak.
        Assert.Equal((0.02 + 0.5) / 2, schedule.At(0.15), 12);
    }

    [Fact]
    public void The_peak_is_the_highest_rate_and_the_curve_rises_then_falls()
    {
        var schedule = new OneCycleSchedule(maxLr: 1);
        var lrs = Enumerable.Range(0, 401).Select(i => schedule.At(i / 400.0)).ToArray();

        Assert.Equal(100, Array.IndexOf(lrs, lrs.Max()));
        Assert.All(Enumerable.Range(1, 100), i => Assert.True(lrs[i] > lrs[i - 1]));
        Assert.All(Enumerable.Range(101, 300), i => Assert.True(lrs[i] < lrs[i - 1]));
    }

    [Fact]
    public void Without_warm_up_it_starts_at_the_peak()
    {
        var schedule = new OneCycleSchedule(maxLr: 1, pctStart: 0);
        Assert.Equal(1, schedule.At(0), 12);
        Assert.Equal(1 / 25.0 / 1e4, schedule.At(1), 15);
    }

    [Theory]
    [InlineData(0, 0.25, 25)]
    [InlineData(1, 1.5, 25)]
    [InlineData(1, 0.25, 0.5)]
    public void Invalid_settings_are_refused(double maxLr, double pctStart, double divFactor) =>
        Assert.Throws<DermLensException>(() => new OneCycleSchedule(maxLr, pctStart, divFactor));
}
