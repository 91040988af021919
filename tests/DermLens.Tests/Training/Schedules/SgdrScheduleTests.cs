using DermLens.Training.Schedules;

namespace DermLens.Tests.Training.Schedules;

public class SgdrScheduleTests
{
    const double Max = 0.1, Min = 0.001;
    static readonly SgdrSchedule ThreeDoublingCycles = new(Max, Min, cycles: 3, cycleLength: 1, cycleMult: 2);

    [Fact]
    public void Cycle_lengths_multiply_and_sum_to_the_run_length()
    {
        Assert.Equal([1.0, 2.0, 4.0], ThreeDoublingCycles.CycleLengths);
        Assert.Equal(7, ThreeDoublingCycles.TotalEpochs, 12);
        Assert.Equal(3, ThreeDoublingCycles.CycleStarts.Count);
        Assert.Equal(0, ThreeDoublingCycles.CycleStarts[0], 12);
        Assert.Equal(1.0 / 7, ThreeDoublingCycles.CycleStarts[1], 12);
        Assert.Equal(3.0 / 7, ThreeDoublingCycles.CycleStarts[2], 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0 / 7)]
    [InlineData(3.0 / 7)]
    public void Each_cycle_restarts_at_the_maximum(double restart) =>
        Assert.Equal(Max, ThreeDoublingCycles.At(restart), 12);

    [Fact]
    public void A_restart_decay_lowers_each_restart_below_the_last_peak()
    {
        var decaying = new SgdrSchedule(Max, Min, cycles: 3, cycleLength: 1, cycleMult: 2, restartDecay: 0.5);
        Assert.Equal(Max, decaying.At(0), 12);
        Assert.Equal(Max / 2, decaying.At(1.0 / 7), 12);
        Assert.Equal(Max / 4, decaying.At(3.0 / 7), 12);
        Assert.Equal(Min, decaying.At(1 - 1e-9), 6);
        Assert.Throws<DermLensException>(() => new SgdrSchedule(Max, Min, 3, 1, 2, restartDecay: 1.5));
    }

    [Theory]
    [InlineData(1.0 / 7)]
    [InlineData(3.0 / 7)]
    [InlineData(1.0)]
    public void Each_cycle_ends_at_the_minimum(double end) =>
        Assert.Equal(Min, ThreeDoublingCycles.At(end - 1e-9), 6);

    [Theory]
    [InlineData(3, 2.0, 13, new[] { 13, 39 })]
    // Five equal cycles: 3/5 summed from fractions is an ulp above 21/35; read strictly, that restart would come a step late.
    [InlineData(5, 1.0, 7, new[] { 7, 14, 21, 28 })]
    public void A_trainer_stepping_by_iterations_meets_every_restart_on_time(int cycles, double mult, int stepsPerEpoch, int[] expected)
    {
        var schedule = new SgdrSchedule(Max, Min, cycles, 1, mult);
        int steps = (int)schedule.TotalEpochs * stepsPerEpoch;
        var lrs = Enumerable.Range(0, steps).Select(s => schedule.At((double)s / steps)).ToArray();
        var restarts = Enumerable.Range(1, steps - 1).Where(s => lrs[s] > lrs[s - 1]).ToArray();
        Assert.Equal(expected, restarts);
        Assert.All(restarts, s => Assert.Equal(Max, lrs[s], 12));
    }

    [Fact]
    public void Inside_a_cycle_the_rate_follows_a_cosine()
    {
        // Half-way through the third cycle (epochs 3..7, so epoch 5) the cosine is at its midpoint.
        Assert.Equal((Max + Min) / 2, ThreeDoublingCycles.At(5.0 / 7), 12);
        // A quarter of the way through the second cycle (epoch 1.5).
        Assert.Equal(Min + (Max - Min) * (1 + Math.Cos(Math.PI / 4)) / 2, ThreeDoublingCycles.At(1.5 / 7), 12);
    }

    [Fact]
    public void Without_multiplication_cycles_are_equal()
    {
        var schedule = new SgdrSchedule(Max, 0, cycles: 4, cycleLength: 2, cycleMult: 1);
        Assert.Equal(8, schedule.TotalEpochs, 12);
        Assert.Equal([0, 0.25, 0.5, 0.75], schedule.CycleStarts.Select(s => Math.Round(s, 12)));
        Assert.Equal(Max / 2, schedule.At(0.125), 12);
        Assert.Equal(0, schedule.At(1), 12);
    }

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(3, 0, 2)]
    [InlineData(3, 1, 0)]
    [InlineData(3, double.NaN, 2)]
    public void Impossible_cycles_are_refused(int cycles, double length, double mult) =>
        Assert.Throws<DermLensException>(() => new SgdrSchedule(Max, Min, cycles, length, mult));

    [Fact]
    public void Minimum_above_maximum_is_refused() =>
        Assert.Contains("min LR", Assert.Throws<DermLensException>(() => new SgdrSchedule(0.01, 0.1, 1, 1, 1)).Message);
}
