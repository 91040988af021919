namespace DermLens.Training;

/// <summary>
/// The usual rules for reading a learning rate off an LR range test (fastai's callback/schedule.py), as pure
/// functions of the swept rates and the smoothed losses. Each returns an index into the arrays it is given.
/// </summary>
public static class LrSuggestions
{
    /// <summary>Index of the lowest loss; fastai's "minimum" suggests a tenth of the rate there.</summary>
    public static int Minimum(IReadOnlyList<double> losses)
    {
        RequirePoints(losses.Count, 1);
        int best = 0;
        for (int i = 1; i < losses.Count; i++) if (losses[i] < losses[best]) best = i;
        return best;
    }

    /// <summary>Index of the rate where the loss falls fastest against log LR: the left end of the steepest segment.</summary>
    public static int Steepest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        RequirePoints(losses.Count, 2);
        if (lrs.Count != losses.Count) throw new ArgumentException($"{lrs.Count} rates but {losses.Count} losses.");
        int steepest = 0;
        double steepestSlope = double.PositiveInfinity;
        for (int i = 0; i + 1 < losses.Count; i++)
        {
            var slope = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (slope < steepestSlope) (steepest, steepestSlope) = (i, slope);
        }
        return steepest;
    }

    /// <summary>
    /// fastai's "valley": the longest decreasing run of losses (a longest strictly decreasing subsequence, so noise
    /// does not cut it short), and the point half-way along it, where the loss is still falling well clear of the
    /// minimum. The index arithmetic is fastai's, so the suggestion matches theirs on the same curve.
    /// </summary>
    public static int Valley(IReadOnlyList<double> losses)
    {
        RequirePoints(losses.Count, 1);
        int n = losses.Count;
        // decreasing[i]: length of the longest strictly decreasing subsequence that ends at i.
        var decreasing = new int[n];
        Array.Fill(decreasing, 1);
        int end = 0;
        for (int i = 1; i < n; i++)
        {
            for (int j = 0; j < i; j++)
                if (losses[i] < losses[j] && decreasing[i] < decreasing[j] + 1) decreasing[i] = decreasing[j] + 1;
            if (decreasing[i] > decreasing[end]) end = i;
        }
        int start = end - decreasing[end];
        double sections = (end - start) / 3.0;
        // fastai's start is one before the subsequence can begin; for a curve falling from its first point that is -1,
        // and Python would read index -1 as the last point. Clamping keeps the suggestion inside the valley.
        return Math.Clamp(start + (int)sections + (int)(sections / 2), 0, n - 1);
    }

    static void RequirePoints(int count, int needed)
    {
        if (count < needed) throw new ArgumentException($"Need at least {needed} loss value(s), got {count}.");
    }
}
