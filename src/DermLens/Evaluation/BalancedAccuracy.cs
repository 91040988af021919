namespace DermLens.Evaluation;

/// <summary>Balanced accuracy, the ISIC challenge metric: the mean recall over the classes present in the truth.</summary>
public static class BalancedAccuracy
{
    /// <summary>Recalls are averaged in class order; NaN when there are no samples.</summary>
    public static double Of<TLabel>(IReadOnlyList<TLabel> truth, IReadOnlyList<TLabel> predicted) where TLabel : notnull, IComparable<TLabel>
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} labels but {predicted.Count} predictions.");
        if (truth.Count == 0) return double.NaN;
        var perClass = new SortedDictionary<TLabel, (int Correct, int Total)>();
        for (int i = 0; i < truth.Count; i++)
        {
            var (correct, total) = perClass.GetValueOrDefault(truth[i]);
            perClass[truth[i]] = (correct + (predicted[i].CompareTo(truth[i]) == 0 ? 1 : 0), total + 1);
        }
        return perClass.Values.Average(c => (double)c.Correct / c.Total);
    }
}
