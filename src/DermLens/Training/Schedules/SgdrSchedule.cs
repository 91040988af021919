namespace DermLens.Training.Schedules;

/// <summary>
/// SGD with warm restarts (Loshchilov &amp; Hutter 2017): cosine annealing from <c>maxLr</c> to <c>minLr</c> inside
/// each cycle, back to <c>maxLr * restartDecay^i</c> at the start of cycle i (a restart lower than the last peak keeps
/// more of what that cycle learnt). Cycle i lasts <c>cycleLength * cycleMult^i</c> epochs; progress 0..1 spans all cycles together.
/// </summary>
public sealed class SgdrSchedule : ISchedule
{
    readonly CombinedSchedule _cycles;

    public SgdrSchedule(double maxLr, double minLr, int cycles, double cycleLength, double cycleMult, double restartDecay = 1)
    {
        if (cycles < 1) throw new DermLensException($"SGDR needs at least one cycle (got {cycles}).");
        if (!(cycleLength > 0) || double.IsInfinity(cycleLength))
            throw new DermLensException($"SGDR cycle length must be a positive number of epochs (got {cycleLength}).");
        if (!(cycleMult > 0) || double.IsInfinity(cycleMult))
            throw new DermLensException($"SGDR cycle multiplier must be positive (got {cycleMult}).");
        if (!(minLr >= 0) || !(maxLr >= minLr) || double.IsInfinity(maxLr))
            throw new DermLensException($"SGDR needs 0 <= min LR <= max LR (got min {minLr}, max {maxLr}).");
        if (!(restartDecay is > 0 and <= 1))
            throw new DermLensException($"SGDR restart decay must be in (0, 1] (got {restartDecay}).");

        CycleLengths = Enumerable.Range(0, cycles).Select(i => cycleLength * Math.Pow(cycleMult, i)).ToArray();
        TotalEpochs = CycleLengths.Sum();
        _cycles = new CombinedSchedule(CycleLengths
            .Select((length, i) => (length / TotalEpochs, (ISchedule)new CosineSchedule(Math.Max(minLr, maxLr * Math.Pow(restartDecay, i)), minLr)))
            .ToArray());
    }

    /// <summary>Length of each cycle in epochs.</summary>
    public IReadOnlyList<double> CycleLengths { get; }

    /// <summary>Sum of the cycle lengths: the epochs a run needs to complete every cycle.</summary>
    public double TotalEpochs { get; }

    /// <summary>Progress values (0..1) at which each cycle begins, i.e. where the warm restarts happen.</summary>
    public IReadOnlyList<double> CycleStarts => _cycles.PartStarts;

    public double At(double progress) => _cycles.At(progress);
}
