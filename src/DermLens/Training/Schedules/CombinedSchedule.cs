namespace DermLens.Training.Schedules;

/// <summary>
/// Schedules placed one after another, as fastai's combine_scheds: each part owns its fraction of the run and sees
/// its own progress re-scaled to 0..1.
/// </summary>
public sealed class CombinedSchedule : ISchedule
{
    const double BoundaryTolerance = 1e-12;
    readonly (double Start, double Fraction, ISchedule Schedule)[] _parts;

    public CombinedSchedule(params (double Fraction, ISchedule Schedule)[] parts)
    {
        if (parts.Length == 0) throw new DermLensException("A combined schedule needs at least one part.");
        if (parts.Any(p => !(p.Fraction >= 0) || double.IsInfinity(p.Fraction)))
            throw new DermLensException($"Schedule fractions must be finite and not negative (got {string.Join(", ", parts.Select(p => p.Fraction))}).");
        var total = parts.Sum(p => p.Fraction);
        if (Math.Abs(total - 1) > 1e-9)
            throw new DermLensException($"Schedule fractions must add up to 1 (they add up to {total}).");

        // Parts of zero length are never reached; dropping them keeps At's search simple.
        var kept = new List<(double, double, ISchedule)>();
        double start = 0;
        foreach (var (fraction, schedule) in parts)
        {
            if (fraction > 0) kept.Add((start, fraction, schedule));
            start += fraction;
        }
        _parts = kept.ToArray();
    }

    /// <summary>Progress values at which each part (of non-zero length) begins.</summary>
    public IReadOnlyList<double> PartStarts => _parts.Select(p => p.Start).ToArray();

    public double At(double progress)
    {
        var p = Math.Clamp(progress, 0, 1);
        // The last part takes everything beyond its start, so rounding in the summed fractions cannot leave a gap at 1.
        // A boundary is honoured within rounding error: step/total computed by a trainer may land an ulp short of a
        // start summed from fractions, and a warm restart must not slip to the next step.
        int i = 0;
        while (i < _parts.Length - 1 && p >= _parts[i + 1].Start - BoundaryTolerance) i++;
        var (start, fraction, schedule) = _parts[i];
        return schedule.At(Math.Clamp((p - start) / fraction, 0, 1));
    }
}
