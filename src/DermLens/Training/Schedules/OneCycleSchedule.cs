namespace DermLens.Training.Schedules;

/// <summary>
/// The 1cycle policy as fastai's fit_one_cycle: cosine warm-up from <c>maxLr / divFactor</c> to <c>maxLr</c> over the
/// first <c>pctStart</c> of the run, then cosine annealing down to <c>maxLr / (divFactor * finalDivFactor)</c>.
/// </summary>
public sealed class OneCycleSchedule : ISchedule
{
    readonly CombinedSchedule _phases;

    public OneCycleSchedule(double maxLr, double pctStart = 0.25, double divFactor = 25, double finalDivFactor = 1e4)
    {
        if (!(maxLr > 0) || double.IsInfinity(maxLr)) throw new DermLensException($"One-cycle needs a positive max LR (got {maxLr}).");
        if (!(pctStart >= 0 && pctStart <= 1)) throw new DermLensException($"One-cycle warm-up share must lie in 0..1 (got {pctStart}).");
        if (!(divFactor >= 1) || !(finalDivFactor >= 1))
            throw new DermLensException($"One-cycle divisors must be at least 1 (got {divFactor} and {finalDivFactor}).");
        Start = maxLr / divFactor;
        End = Start / finalDivFactor;
        _phases = new CombinedSchedule(
            (pctStart, new CosineSchedule(Start, maxLr)),
            (1 - pctStart, new CosineSchedule(maxLr, End)));
    }

    /// <summary>The learning rate at progress 0.</summary>
    public double Start { get; }

    /// <summary>The learning rate at progress 1.</summary>
    public double End { get; }

    public double At(double progress) => _phases.At(progress);
}
