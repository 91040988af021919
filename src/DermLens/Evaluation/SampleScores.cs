namespace DermLens.Evaluation;

/// <summary>
/// The metrics a bootstrap recomputes on every draw, over any multiset of sample indices, as one vector: balanced
/// accuracy, accuracy, macro AUC, then each class's sensitivity, specificity and one-vs-rest AUC. Entries that the
/// whole set cannot define (a class it lacks) have index -1.
/// </summary>
sealed class SampleScores
{
    readonly int[] _truth, _predicted;
    readonly float[][] _probabilities;
    readonly int _classes;
    readonly int[] _present;
    readonly bool[] _hasNegatives, _hasBoth;

    public SampleScores(int[] truth, float[][] probabilities, int classCount)
    {
        _truth = truth;
        _probabilities = probabilities;
        _classes = classCount;
        _predicted = probabilities.Select(Predictions.ArgMax).ToArray();
        _present = truth.Distinct().Order().ToArray();
        _hasNegatives = Enumerable.Range(0, classCount).Select(c => truth.Any(t => t != c)).ToArray();
        _hasBoth = Enumerable.Range(0, classCount).Select(c => _hasNegatives[c] && truth.Contains(c)).ToArray();
    }

    public int RecallIndex(int c) => Array.IndexOf(_present, c) >= 0 ? 3 + c : -1;
    public int SpecificityIndex(int c) => _hasNegatives[c] ? 3 + _classes + c : -1;
    public int AucIndex(int c) => _hasBoth[c] ? 3 + 2 * _classes + c : -1;

    /// <summary>The vector over the given samples (repeats count as often as they occur); undefined entries are NaN.</summary>
    public double[] Of(int[] indices)
    {
        var scores = new double[3 + 3 * _classes];
        Array.Fill(scores, double.NaN);
        var hits = new int[_classes];
        var counts = new int[_classes];
        var predictedAs = new int[_classes];
        foreach (var i in indices)
        {
            counts[_truth[i]]++;
            predictedAs[_predicted[i]]++;
            if (_predicted[i] == _truth[i]) hits[_truth[i]]++;
        }
        var aucs = new List<double>();
        for (int c = 0; c < _classes; c++)
        {
            if (counts[c] > 0) scores[3 + c] = (double)hits[c] / counts[c];
            int negatives = indices.Length - counts[c], falsePositives = predictedAs[c] - hits[c];
            if (negatives > 0) scores[3 + _classes + c] = (double)(negatives - falsePositives) / negatives;
            var auc = RankAuc.Compute(indices.Select(i => (double)_probabilities[i][c]).ToArray(), indices.Select(i => _truth[i] == c).ToArray());
            if (auc is { } a)
            {
                scores[3 + 2 * _classes + c] = a;
                aucs.Add(a);
            }
        }
        scores[0] = _present.Average(c => scores[3 + c]);
        scores[1] = (double)hits.Sum() / indices.Length;
        scores[2] = aucs.Count == 0 ? double.NaN : aucs.Average();
        return scores;
    }
}
