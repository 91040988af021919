using DermLens.Training.Schedules;

namespace DermLens.Tests.Training.Schedules;

public class CombinedScheduleTests
{
    /// <summary>A schedule that returns its own progress, to see how the combination re-scales it.</summary>
    sealed class Identity : ISchedule
    {
        public double At(double progress) => progress;
    }

    [Fact]
    public void Each_part_sees_its_share_of_progress_rescaled_to_0_1()
    {
        var combined = new CombinedSchedule((0.25, new Identity()), (0.75, new Identity()));

        Assert.Equal(0, combined.At(0), 12);
        Assert.Equal(0.5, combined.At(0.125), 12);
        Assert.Equal(0, combined.At(0.25), 12);
        Assert.Equal(1.0 / 3, combined.At(0.5), 12);
        Assert.Equal(1, combined.At(1), 12);
        Assert.Equal([0, 0.25], combined.PartStarts);
    }

    [Fact]
    public void Parts_that_meet_in_value_join_without_a_jump()
    {
        // Warm-up from 0.01 to 0.1 then a cosine down: the fastai flat-then-anneal and one-cycle shapes.
        var combined = new CombinedSchedule((0.4, new CosineSchedule(0.01, 0.1)), (0.6, new CosineSchedule(0.1, 0.001)));
        var lrs = Enumerable.Range(0, 1001).Select(i => combined.At(i / 1000.0)).ToArray();

        var largestStep = Enumerable.Range(1, 1000).Max(i => Math.Abs(lrs[i] - lrs[i - 1]));
        Assert.True(largestStep < 0.001, $"largest step {largestStep}");
        Assert.Equal(0.1, combined.At(0.4), 12);
    }

    [Fact]
    public void Progress_outside_0_1_is_clamped()
    {
        var combined = new CombinedSchedule((0.5, new ConstantSchedule(1)), (0.5, new CosineSchedule(1, 0)));
        Assert.Equal(1, combined.At(-3), 12);
        Assert.Equal(0, combined.At(7), 12);
    }

    [Fact]
    public void A_part_of_zero_length_is_skipped()
    {
        var combined = new CombinedSchedule((0.5, new ConstantSchedule(1)), (0, new ConstantSchedule(2)), (0.5, new ConstantSchedule(3)));
        Assert.Equal(1, combined.At(0.49), 12);
        Assert.Equal(3, combined.At(0.5), 12);
        Assert.Equal(3, combined.At(1), 12);
    }

    [Fact]
    public void Fractions_must_be_non_negative_and_sum_to_one()
    {
        Assert.Contains("add up to 1", Assert.Throws<DermLensException>(() =>
            new CombinedSchedule((0.5, new ConstantSchedule(1)), (0.4, new ConstantSchedule(1)))).Message);
        Assert.Throws<DermLensException>(() => new CombinedSchedule((1.5, new ConstantSchedule(1)), (-0.5, new ConstantSchedule(1))));
        Assert.Throws<DermLensException>(() => new CombinedSchedule());
    }
}
