using CsvHelper;

namespace DermLens.Data;

/// <summary>The train / validation / test parts of a data set, saved as split.csv in a run folder so that a run can be
/// evaluated later on exactly the images it never trained on.</summary>
public sealed class Split(IReadOnlyList<Sample> train, IReadOnlyList<Sample> validation, IReadOnlyList<Sample> test)
{
    public const string FileName = "split.csv";
    public const string TrainPart = "train";
    public const string ValidationPart = "validation";
    public const string TestPart = "test";
    static readonly string[] Columns = ["id", "label", "class", "group", "part"];

    public IReadOnlyList<Sample> Train { get; } = train;
    public IReadOnlyList<Sample> Validation { get; } = validation;
    public IReadOnlyList<Sample> Test { get; } = test;

    /// <summary>Writes id,label,class,group,part, one row per sample, atomically.</summary>
    public void Save(string path, Dataset dataset)
    {
        var options = CsvWriterOptions.Default with { NewLine = "\n" };
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
            csv.WriteHeader(Columns);
            foreach (var (part, samples) in new[] { (TrainPart, Train), (ValidationPart, Validation), (TestPart, Test) })
                foreach (var s in samples)
                {
                    csv.WriteField(s.Id, CsvQuoting.WhenNeededOrWhitespace);
                    csv.WriteField(s.Label, "");
                    csv.WriteField(dataset.Classes[s.Label], CsvQuoting.WhenNeededOrWhitespace);
                    csv.WriteField(s.Group ?? "", CsvQuoting.WhenNeededOrWhitespace);
                    csv.WriteField(part);
                    csv.EndRecord();
                }
        });
    }

    /// <summary>Reads a saved split back as the data set's own samples; fails when an id is not in the data set or its
    /// class changed, since evaluating such a split would silently measure something else.</summary>
    public static Split Load(string path, Dataset dataset)
    {
        if (!File.Exists(path)) throw new DermLensException($"Split file not found: {path}");
        var table = CsvTable.Read(path);
        int idCol = table.Column("id"), classCol = table.Column("class"), partCol = table.Column("part");
        var byId = dataset.Samples.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var parts = new Dictionary<string, List<Sample>> { [TrainPart] = [], [ValidationPart] = [], [TestPart] = [] };
        var missing = new List<string>();
        var relabelled = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var id = row[idCol];
            if (!parts.TryGetValue(row[partCol], out var part))
                throw new DermLensException($"{path}: line {r + 2} has part '{row[partCol]}'; expected train, validation or test.");
            if (!seen.Add(id)) throw new DermLensException($"{path}: id {id} appears more than once (line {r + 2}).");
            if (!byId.TryGetValue(id, out var sample)) { missing.Add(id); continue; }
            if (dataset.Classes[sample.Label] != row[classCol]) relabelled.Add($"{id} ({row[classCol]} -> {dataset.Classes[sample.Label]})");
            part.Add(sample);
        }
        if (missing.Count > 0)
            throw new DermLensException($"{missing.Count} ids in {path} are not in the data set at {dataset.Root}: {NameList.Summarise(missing)}.");
        if (relabelled.Count > 0)
            throw new DermLensException($"{relabelled.Count} samples in {path} have another class in the data set at {dataset.Root}: "
                + $"{NameList.Summarise(relabelled)}.");
        return new Split(parts[TrainPart], parts[ValidationPart], parts[TestPart]);
    }
}
