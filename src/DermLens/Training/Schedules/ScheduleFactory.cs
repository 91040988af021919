namespace DermLens.Training.Schedules;

/// <summary>Builds a schedule from its name (as given on the command line) and numeric options.</summary>
public static class ScheduleFactory
{
    /// <summary>The schedules by name.</summary>
    public static readonly Registry<Func<ScheduleOptions, ISchedule>> All = new("schedule",
    [
        ("sgdr", o => new SgdrSchedule(o.MaxLr, o.MinLr, o.Cycles, o.CycleLength, o.CycleMult, o.RestartDecay)),
        ("one-cycle", o => new OneCycleSchedule(o.MaxLr, o.PctStart, o.DivFactor, o.FinalDivFactor)),
        ("cosine", o => new CosineSchedule(o.MaxLr, o.MinLr)),
        ("constant", o => new ConstantSchedule(o.MaxLr)),
    ]);

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    public static ISchedule Create(string name, ScheduleOptions options) => All.Get(name)(options);

    /// <summary>Fails with the known names unless name is a schedule; checked before a run starts, not when it gets there.</summary>
    public static void Check(string name) => All.Check(name);
}
