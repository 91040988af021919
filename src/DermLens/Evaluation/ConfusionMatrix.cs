using System.Globalization;
using System.Text.Json.Serialization;
using CsvHelper;

namespace DermLens.Evaluation;

/// <summary>Counts of (true class, predicted class) pairs: rows are the true class, columns the prediction.</summary>
public sealed class ConfusionMatrix
{
    readonly int[,] _counts;

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Row-major counts; this shape is what metrics.json stores.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Counts { get; }

    [JsonIgnore] public int Size => Classes.Count;
    [JsonIgnore] public int Total { get; }

    [JsonConstructor]
    public ConfusionMatrix(IReadOnlyList<string> classes, IReadOnlyList<IReadOnlyList<int>> counts)
    {
        if (classes.Count == 0) throw new DermLensException("A confusion matrix needs at least one class.");
        if (counts.Count != classes.Count || counts.Any(row => row.Count != classes.Count))
            throw new DermLensException($"A confusion matrix over {classes.Count} classes needs {classes.Count} rows of {classes.Count} counts.");
        Classes = classes.ToArray();
        _counts = new int[classes.Count, classes.Count];
        for (int t = 0; t < Size; t++)
            for (int p = 0; p < Size; p++)
            {
                if (counts[t][p] < 0) throw new DermLensException($"Confusion matrix count [{t},{p}] is negative.");
                _counts[t, p] = counts[t][p];
                Total += counts[t][p];
            }
        Counts = Enumerable.Range(0, Size)
            .Select(t => (IReadOnlyList<int>)Array.AsReadOnly(Enumerable.Range(0, Size).Select(p => _counts[t, p]).ToArray()))
            .ToArray().AsReadOnly();
    }

    public static ConfusionMatrix From(int[] truth, int[] predicted, IReadOnlyList<string> classes)
    {
        if (truth.Length != predicted.Length)
            throw new DermLensException($"{truth.Length} true labels but {predicted.Length} predictions.");
        var rows = new int[classes.Count][];
        for (int c = 0; c < rows.Length; c++) rows[c] = new int[classes.Count];
        for (int i = 0; i < truth.Length; i++)
        {
            CheckLabel(truth[i], classes.Count, "true label", i);
            CheckLabel(predicted[i], classes.Count, "predicted label", i);
            rows[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classes, rows);
    }

    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>How many samples truly belong to the class (its support).</summary>
    public int RowTotal(int truth) => Enumerable.Range(0, Size).Sum(p => _counts[truth, p]);

    /// <summary>How many samples were predicted as the class.</summary>
    public int ColumnTotal(int predicted) => Enumerable.Range(0, Size).Sum(t => _counts[t, predicted]);

    public int Correct => Enumerable.Range(0, Size).Sum(c => _counts[c, c]);

    /// <summary>Each row divided by its total, so a cell is the share of that true class given that prediction; empty rows stay 0.</summary>
    public double[,] RowNormalised()
    {
        var result = new double[Size, Size];
        for (int t = 0; t < Size; t++)
        {
            var total = RowTotal(t);
            if (total == 0) continue;
            for (int p = 0; p < Size; p++) result[t, p] = (double)_counts[t, p] / total;
        }
        return result;
    }

    /// <summary>Writes the matrix as CSV: header "true\predicted,&lt;classes&gt;", then one row per true class.</summary>
    public void SaveCsv(string path) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, options: null, leaveOpen: true);
        csv.WriteRecord(["true\\predicted", .. Classes]);
        for (int t = 0; t < Size; t++)
            csv.WriteRecord([Classes[t], .. Enumerable.Range(0, Size).Select(p => _counts[t, p].ToString(CultureInfo.InvariantCulture))]);
    });

    static void CheckLabel(int label, int classCount, string what, int index)
    {
        if (label < 0 || label >= classCount)
            throw new DermLensException($"Sample {index}: {what} {label} is outside the {classCount} classes (0..{classCount - 1}).");
    }
}
