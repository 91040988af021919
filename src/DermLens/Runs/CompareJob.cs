using System.Text.Json;
using DermLens.Data;
using DermLens.Evaluation;

namespace DermLens.Runs;

/// <summary>Two runs scored on the same test images: each headline metric of both and the paired interval of B − A.</summary>
/// <param name="Groups">Units resampled: the lesions of run A's split where it knows them, else the images.</param>
public sealed record RunComparison(string RunA, string RunB, int Images, int Groups, string Unit, int Resamples,
    IReadOnlyList<MetricDifference> Metrics)
{
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunConfig.Json));
}

/// <summary>
/// The `compare` verb as a library call: reads both runs' predictions.csv (written by evaluate), checks that they score
/// the same images with the same classes and labels, and runs a paired bootstrap over the lesions of run A's split.
/// Reads nothing outside the two run folders.
/// </summary>
public sealed class CompareJob(RunFolder a, RunFolder b)
{
    public int Resamples { get; init; } = GroupBootstrap.DefaultResamples;
    public int Seed { get; init; }

    public RunComparison Run()
    {
        var classes = a.LoadConfig().Classes;
        var classesB = b.LoadConfig().Classes;
        if (!classes.SequenceEqual(classesB))
            throw new DermLensException($"{b.Path} has classes {string.Join(", ", classesB)}; {a.Path} has {string.Join(", ", classes)}: only runs of the same classes compare.");
        var rowsA = PredictionsCsv.Load(a.Predictions, classes);
        var rowsB = PredictionsCsv.Load(b.Predictions, classes).ToDictionary(r => r.Id, StringComparer.Ordinal);
        int common = rowsA.Count(r => rowsB.ContainsKey(r.Id));
        if (common != rowsA.Count || common != rowsB.Count)
            throw new DermLensException($"{a.Predictions} scores {rowsA.Count} images and {b.Predictions} {rowsB.Count}, {common} of them the same: " +
                                        "evaluate both runs on the same test images (the same --split, or the same --data).");
        var relabelled = rowsA.FirstOrDefault(r => rowsB[r.Id].True != r.True);
        if (relabelled != null)
            throw new DermLensException($"Image {relabelled.Id} is {classes[relabelled.True]} in {a.Predictions} but {classes[rowsB[relabelled.Id].True]} in {b.Predictions}.");

        var lesionOf = Lesions(a);
        var groups = rowsA.Select(r => lesionOf.GetValueOrDefault(r.Id) ?? r.Id).ToArray();
        bool byLesion = rowsA.Any(r => lesionOf.ContainsKey(r.Id));
        var metrics = PairedBootstrap.Compare(rowsA.Select(r => r.True).ToArray(), rowsA.Select(r => r.Probabilities).ToArray(),
            rowsA.Select(r => rowsB[r.Id].Probabilities).ToArray(), groups, classes.Count, Resamples, Seed);
        return new RunComparison(a.Path, b.Path, rowsA.Count, groups.Distinct(StringComparer.Ordinal).Count(), byLesion ? "lesions" : "images",
            Resamples, metrics);
    }

    /// <summary>Image id → lesion from a run's split.csv (ids without a lesion are left out); empty when there is no split.</summary>
    static Dictionary<string, string> Lesions(RunFolder run)
    {
        if (!File.Exists(run.Split)) return [];
        var table = CsvTable.Read(run.Split);
        int id = table.Column("id"), group = table.Column("group");
        return table.Rows.Where(r => r[group].Length > 0).ToDictionary(r => r[id], r => r[group], StringComparer.Ordinal);
    }
}
