namespace DermLens.Training.Schedules;

/// <summary>The numbers any named schedule may need; each schedule reads the ones it uses.</summary>
public sealed record ScheduleOptions
{
    /// <summary>Peak learning rate (constant: the learning rate).</summary>
    public required double MaxLr { get; init; }
    /// <summary>Where cosine and SGDR cycles end.</summary>
    public double MinLr { get; init; }
    public int Cycles { get; init; } = 1;
    /// <summary>Length of the first SGDR cycle in epochs.</summary>
    public double CycleLength { get; init; } = 1;
    /// <summary>Each SGDR cycle is this many times longer than the one before.</summary>
    public double CycleMult { get; init; } = 1;
    /// <summary>Each SGDR restart peaks at this share of the previous cycle's peak.</summary>
    public double RestartDecay { get; init; } = 1;
    /// <summary>One-cycle: share of the run spent warming up.</summary>
    public double PctStart { get; init; } = 0.25;
    /// <summary>One-cycle: the start LR is MaxLr / DivFactor.</summary>
    public double DivFactor { get; init; } = 25;
    /// <summary>One-cycle: the final LR is the start LR / FinalDivFactor.</summary>
    public double FinalDivFactor { get; init; } = 1e4;
}
