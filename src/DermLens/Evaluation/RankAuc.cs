namespace DermLens.Evaluation;

/// <summary>Area under the ROC curve from the Mann-Whitney rank statistic, with tied scores sharing their mean rank.</summary>
public static class RankAuc
{
    /// <summary>P(score of a random positive &gt; score of a random negative), ties counting half; null without both positives and negatives.</summary>
    public static double? Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> isPositive)
    {
        if (scores.Count != isPositive.Count)
            throw new ArgumentException($"{scores.Count} scores but {isPositive.Count} labels.");
        long positives = isPositive.Count(p => p), negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return null;

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            // Ranks are 1-based; every member of a tie group gets the group's mean rank.
            var meanRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                if (isPositive[order[k]]) positiveRankSum += meanRank;
            start = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>One-vs-rest AUC of each class, scoring samples by that class's probability.</summary>
    public static double?[] OneVsRest(int[] truth, float[][] probabilities, int classCount)
    {
        var result = new double?[classCount];
        for (int c = 0; c < classCount; c++)
        {
            var scores = probabilities.Select(row => (double)row[c]).ToArray();
            var positive = truth.Select(t => t == c).ToArray();
            result[c] = Compute(scores, positive);
        }
        return result;
    }
}
