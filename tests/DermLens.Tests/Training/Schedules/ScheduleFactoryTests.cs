using DermLens.Training.Schedules;

namespace DermLens.Tests.Training.Schedules;

public class ScheduleFactoryTests
{
    static readonly ScheduleOptions Options = new() { MaxLr = 0.1, MinLr = 0.001, Cycles = 3, CycleLength = 1, CycleMult = 2, PctStart = 0.3 };

    [Fact]
    public void Each_name_builds_its_schedule_from_the_options()
    {
        var sgdr = Assert.IsType<SgdrSchedule>(ScheduleFactory.Create("sgdr", Options));
        Assert.Equal(7, sgdr.TotalEpochs, 12);
        Assert.Equal(0.001, sgdr.At(1), 12);

        var oneCycle = Assert.IsType<OneCycleSchedule>(ScheduleFactory.Create("one-cycle", Options));
        Assert.Equal(0.1, oneCycle.At(0.3), 12);

        var cosine = Assert.IsType<CosineSchedule>(ScheduleFactory.Create("cosine", Options));
        Assert.Equal((0.1, 0.001), (cosine.At(0), cosine.At(1)));

        Assert.Equal(0.1, Assert.IsType<ConstantSchedule>(ScheduleFactory.Create("Constant", Options)).At(0.7));
    }

    [Fact]
    public void Unknown_name_is_refused_listing_the_known_ones()
    {
        var error = Assert.Throws<DermLensException>(() => ScheduleFactory.Create("warmup-linear", Options));
        Assert.Contains("'warmup-linear'", error.Message);
        foreach (var name in new[] { "sgdr", "one-cycle", "cosine", "constant" }) Assert.Contains(name, error.Message);
        Assert.Equal(4, ScheduleFactory.Names.Count);
    }

    [Fact]
    public void Invalid_options_surface_as_user_errors() =>
        Assert.Throws<DermLensException>(() => ScheduleFactory.Create("sgdr", Options with { Cycles = 0 }));
}
