namespace DermLens.Training.Schedules;

/// <summary>Builds a schedule from its name (as given on the command line) and numeric options.</summary>
public static class ScheduleFactory
{
    static readonly Dictionary<string, Func<ScheduleOptions, ISchedule>> Makers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sgdr"] = o => new SgdrSchedule(o.MaxLr, o.MinLr, o.Cycles, o.CycleLength, o.CycleMult, o.RestartDecay),
        ["one-cycle"] = o => new OneCycleSchedule(o.MaxLr, o.PctStart, o.DivFactor, o.FinalDivFactor),
        ["cosine"] = o => new CosineSchedule(o.MaxLr, o.MinLr),
        ["constant"] = o => new ConstantSchedule(o.MaxLr),
    };

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Makers.Keys;

    public static ISchedule Create(string name, ScheduleOptions options) => Maker(name)(options);

    /// <summary>Fails with the known names unless name is a schedule; checked before a run starts, not when it gets there.</summary>
    public static void Check(string name) => Maker(name);

    static Func<ScheduleOptions, ISchedule> Maker(string name) =>
        Makers.TryGetValue(name.Trim(), out var make)
            ? make
            : throw new DermLensException($"Unknown schedule '{name}'. Known schedules: {string.Join(", ", Names)}.");
}
