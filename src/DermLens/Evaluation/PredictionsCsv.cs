using System.Globalization;
using DermLens.Data;

namespace DermLens.Evaluation;

/// <summary>One row of predictions.csv: a sample's id, true and predicted class indices, and its class probabilities.</summary>
public sealed record PredictionRow(string Id, int True, int Predicted, float[] Probabilities);

/// <summary>A run's predictions.csv (id,true,predicted, then one probability column per class), written by evaluation and read by the case study.</summary>
public static class PredictionsCsv
{

    /// <summary>Writes one row per sample, classes by name, probabilities with six decimals.</summary>
    public static void Save(Predictions predictions, IReadOnlyList<string> classes, string path)
    {
        var lines = new List<string> { "id,true,predicted," + string.Join(',', classes.Select(CsvTable.Quote)) };
        var predicted = predictions.Predicted;
        for (int i = 0; i < predictions.Samples.Count; i++)
            lines.Add($"{CsvTable.Quote(predictions.Samples[i].Id)},{CsvTable.Quote(classes[predictions.Truth[i]])},{CsvTable.Quote(classes[predicted[i]])}," +
                      string.Join(',', predictions.Probabilities[i].Select(p => p.ToString("0.######", CultureInfo.InvariantCulture))));
        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>Reads the file back; throws naming the file when it is missing, has other classes than the run, or a bad value.</summary>
    public static IReadOnlyList<PredictionRow> Load(string path, IReadOnlyList<string> classes)
    {
        if (!File.Exists(path)) throw new DermLensException($"{path}: predictions file not found. Run: dermlens evaluate --run RUN");
        var table = CsvTable.Read(path);
        var expected = new[] { "id", "true", "predicted" }.Concat(classes).ToArray();
        if (!table.Header.SequenceEqual(expected))
            throw new DermLensException($"{path}: columns are {string.Join(", ", table.Header)}; expected {string.Join(", ", expected)} " +
                                        "(the file belongs to another model; run dermlens evaluate again).");
        return table.Rows.Select((row, line) => new PredictionRow(row[0], ClassIndex(row[1], classes, path, line),
            ClassIndex(row[2], classes, path, line),
            row.Skip(3).Select(value => Probability(value, path, line)).ToArray())).ToArray();
    }

    static int ClassIndex(string name, IReadOnlyList<string> classes, string path, int line)
    {
        for (int c = 0; c < classes.Count; c++)
            if (classes[c] == name) return c;
        throw new DermLensException($"{path}: row {line + 1} names class '{name}', which the run does not have.");
    }

    static float Probability(string value, string path, int line) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1 ? p
            : throw new DermLensException($"{path}: row {line + 1} has probability '{value}'; expected a number in [0, 1].");
}
