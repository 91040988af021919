using System.Globalization;
using System.Text;

namespace DermLens.Training;

/// <summary>
/// What an LR range test recorded (rate, raw loss and smoothed loss per mini-batch) and the learning rates it
/// suggests, read from the smoothed losses by <see cref="LrSuggestions"/>.
/// </summary>
public sealed class LrFinderResult
{
    /// <summary>
    /// Computes the suggestions. As fastai does, the first <paramref name="skipStart"/> points (where the average
    /// has seen little) and, after a divergence, the last <paramref name="skipEnd"/> points (already blowing up) are
    /// left out of them; a sweep too short for that is read whole.
    /// </summary>
    public LrFinderResult(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, IReadOnlyList<double> smoothedLosses,
        LrFinderStop stop, int skipStart = 0, int skipEnd = 0)
    {
        if (lrs.Count != losses.Count || lrs.Count != smoothedLosses.Count)
            throw new ArgumentException($"{lrs.Count} rates, {losses.Count} losses and {smoothedLosses.Count} smoothed losses.");
        if (lrs.Count < 2)
            throw new DermLensException($"The LR range test stopped after {lrs.Count} mini-batch(es) ({stop}); too few to suggest a learning rate.");
        Lrs = lrs;
        Losses = losses;
        SmoothedLosses = smoothedLosses;
        Stop = stop;

        int first = skipStart, count = lrs.Count - skipStart - (stop == LrFinderStop.Diverged ? skipEnd : 0);
        if (count < 3) (first, count) = (0, lrs.Count);
        var windowLrs = lrs.Skip(first).Take(count).ToArray();
        var windowLosses = smoothedLosses.Skip(first).Take(count).ToArray();
        MinimumIndex = first + LrSuggestions.Minimum(windowLosses);
        // Past the lowest loss the sweep is diverging; a fall there is noise on the way up, not a rate to train with.
        int descent = Math.Max(MinimumIndex - first + 1, 2);
        SteepestIndex = first + LrSuggestions.Steepest(windowLrs[..descent], windowLosses[..descent]);
        ValleyIndex = first + LrSuggestions.Valley(windowLosses);
    }

    /// <summary>Learning rate of each mini-batch, rising exponentially.</summary>
    public IReadOnlyList<double> Lrs { get; }
    /// <summary>Loss of each mini-batch as computed.</summary>
    public IReadOnlyList<double> Losses { get; }
    /// <summary>Exponential moving average of the losses with bias correction.</summary>
    public IReadOnlyList<double> SmoothedLosses { get; }
    public LrFinderStop Stop { get; }

    public int MinimumIndex { get; }
    public int SteepestIndex { get; }
    public int ValleyIndex { get; }

    /// <summary>Rate at the lowest smoothed loss.</summary>
    public double MinimumLossLr => Lrs[MinimumIndex];
    /// <summary>A tenth of the rate at the lowest smoothed loss (fastai's "minimum").</summary>
    public double Minimum => MinimumLossLr / 10;
    /// <summary>Rate where the smoothed loss falls fastest against log LR, on the way down to its minimum.</summary>
    public double Steepest => Lrs[SteepestIndex];
    /// <summary>Half-way along the longest valley of the smoothed loss (fastai's default).</summary>
    public double Valley => Lrs[ValleyIndex];
    /// <summary>The rate a rule suggests: valley, steepest or minimum (the minimum's rate / 10).</summary>
    public double Suggested(string rule) => LrRules.All.Get(rule)(this);

    /// <summary>Writes <c>lr,loss,smoothed_loss</c>, one row per mini-batch, atomically.</summary>
    public void SaveCsv(string path)
    {
        var csv = new StringBuilder("lr,loss,smoothed_loss\n");
        for (int i = 0; i < Lrs.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{Lrs[i]:R},{Losses[i]:R},{SmoothedLosses[i]:R}\n");
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
