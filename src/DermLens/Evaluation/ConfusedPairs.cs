using System.Globalization;
using CsvHelper;

namespace DermLens.Evaluation;

/// <summary>Two classes mistaken for each other: A is the true class of the larger direction, Count = AtoB + BtoA.</summary>
public sealed record ConfusedPair(string A, string B, int Count, int AtoB, int BtoA);

/// <summary>One direction of confusion, as fastai's most_confused lists it.</summary>
public sealed record ConfusedDirection(string Actual, string Predicted, int Count);

/// <summary>The class pairs a model mixes up most, from a confusion matrix (the study's "Ulcer Tumor 29" table).</summary>
public static class ConfusedPairs
{
    /// <summary>Pairs with both directions merged and at least <paramref name="minCount"/> errors, most confused first, then by name.</summary>
    public static IReadOnlyList<ConfusedPair> From(ConfusionMatrix matrix, int minCount = 1)
    {
        var pairs = new List<ConfusedPair>();
        for (int i = 0; i < matrix.Size; i++)
            for (int j = i + 1; j < matrix.Size; j++)
            {
                int iToJ = matrix[i, j], jToI = matrix[j, i];
                var count = iToJ + jToI;
                if (count == 0 || count < minCount) continue;
                pairs.Add(iToJ >= jToI
                    ? new ConfusedPair(matrix.Classes[i], matrix.Classes[j], count, iToJ, jToI)
                    : new ConfusedPair(matrix.Classes[j], matrix.Classes[i], count, jToI, iToJ));
            }
        return pairs
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.A, StringComparer.Ordinal)
            .ThenBy(p => p.B, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Off-diagonal cells with at least <paramref name="minCount"/> errors, largest first, then by name.</summary>
    public static IReadOnlyList<ConfusedDirection> MostConfused(ConfusionMatrix matrix, int minCount = 1)
    {
        var directions = new List<ConfusedDirection>();
        for (int t = 0; t < matrix.Size; t++)
            for (int p = 0; p < matrix.Size; p++)
                if (t != p && matrix[t, p] > 0 && matrix[t, p] >= minCount)
                    directions.Add(new ConfusedDirection(matrix.Classes[t], matrix.Classes[p], matrix[t, p]));
        return directions
            .OrderByDescending(d => d.Count)
            .ThenBy(d => d.Actual, StringComparer.Ordinal)
            .ThenBy(d => d.Predicted, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Writes the merged pairs as CSV with columns a,b,count,a_to_b,b_to_a.</summary>
    public static void SaveCsv(IEnumerable<ConfusedPair> pairs, string path) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, options: null, leaveOpen: true);
        csv.WriteRecord(["a", "b", "count", "a_to_b", "b_to_a"]);
        foreach (var pair in pairs)
            csv.WriteRecord([pair.A, pair.B, Invariant(pair.Count), Invariant(pair.AtoB), Invariant(pair.BtoA)]);
    });

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
