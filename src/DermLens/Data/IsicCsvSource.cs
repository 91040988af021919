using System.Globalization;

namespace DermLens.Data;

/// <summary>ISIC 2018/2019 ground truth: a CSV "image,MEL,NV,BCC,..." of one-hot columns, images &lt;image&gt;.jpg
/// in the CSV's folder tree or a sibling folder (ISIC2018_Task3_Training_Input beside ..._GroundTruth).</summary>
public sealed class IsicCsvSource : IDataSource
{
    /// <summary>Columns that hold 0/1 values in some ISIC releases but are not diagnoses.</summary>
    static readonly string[] NotClasses = ["score_weight", "validation_weight"];

    public string Format => "isic";

    public bool Recognises(string path) =>
        FindCsv(path) is { } csv && CsvTable.PeekHeader(csv) is { Count: > 1 } header
        && string.Equals(header[0], "image", StringComparison.OrdinalIgnoreCase);

    public Dataset Read(string path)
    {
        var csvPath = FindCsv(path) ?? throw new DermLensException($"{path}: expected an ISIC ground-truth CSV, or a folder "
            + $"holding exactly one *GroundTruth*.csv (found {Describe(GroundTruthFiles(path))}).");
        var csvFolder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csvPath))!;
        var table = CsvTable.Read(csvPath);
        int imageCol = table.Column("image");

        var classCols = ClassColumns(table, imageCol);
        if (classCols.Count == 0)
            throw new DermLensException($"{csvPath}: no one-hot class columns (columns holding only 0 and 1) found.");

        var labels = new int[table.Rows.Count];
        var unlabelled = new List<string>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var positives = classCols.Where(c => Value(table.Rows[r][c]) == 1).ToList();
            if (positives.Count == 1) labels[r] = classCols.IndexOf(positives[0]);
            else unlabelled.Add($"{table.Rows[r][imageCol]} (line {r + 2}, {positives.Count} positives)");
        }
        if (unlabelled.Count > 0)
            throw new DermLensException($"{unlabelled.Count} rows of {csvPath} do not have exactly one class set to 1: "
                + $"{NameList.Summarise(unlabelled)}.");

        var ids = table.Rows.Select(r => r[imageCol]).ToList();
        var duplicates = ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new DermLensException($"{duplicates.Count} images appear more than once in {csvPath}: {NameList.Summarise(duplicates)}.");

        var images = FindImages(csvFolder, ids);
        var missing = ids.Where(i => images.Find(i) == null).ToList();
        if (missing.Count > 0)
            throw new DermLensException($"{missing.Count} images named in {csvPath} are missing: {NameList.Summarise(missing)} "
                + $"(looked for <image>.jpg under {csvFolder} and its sibling folders).");

        var classes = classCols.Select(c => table.Header[c]).ToList();
        var samples = ids.Select((id, r) => new Sample(id, labels[r], images.Find(id)!)).ToList();
        return new Dataset(Format, csvFolder, classes, samples);
    }

    /// <summary>Columns whose every value is 0 or 1, in file order, less known weight columns and an all-zero UNK
    /// (ISIC 2019 training data declares UNK but never uses it).</summary>
    static List<int> ClassColumns(CsvTable table, int imageCol)
    {
        var columns = new List<int>();
        for (int c = 0; c < table.Header.Count; c++)
        {
            var name = table.Header[c];
            if (c == imageCol || NotClasses.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            var values = table.Rows.Select(r => Value(r[c])).ToList();
            if (values.Any(v => v is not (0 or 1))) continue;
            if (string.Equals(name, "UNK", StringComparison.OrdinalIgnoreCase) && values.All(v => v == 0)) continue;
            columns.Add(c);
        }
        return columns;
    }

    static double? Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The CSV folder's tree first; sibling folders only when some images are not there, since the
    /// parent may be a large, unrelated directory.</summary>
    static ImageIndex FindImages(string csvFolder, IReadOnlyList<string> ids)
    {
        var local = new ImageIndex([csvFolder], ".jpg");
        if (ids.All(i => local.Find(i) != null)) return local;
        var parent = Directory.GetParent(csvFolder)?.FullName;
        if (parent == null) return local;
        var siblings = Directory.EnumerateDirectories(parent).Where(d => d != csvFolder);
        return new ImageIndex(siblings.Prepend(csvFolder), ".jpg");
    }

    /// <summary>The CSV itself, or the single *GroundTruth*.csv inside the folder.</summary>
    static string? FindCsv(string path)
    {
        if (File.Exists(path)) return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? path : null;
        var found = GroundTruthFiles(path);
        return found.Count == 1 ? found[0] : null;
    }

    static List<string> GroundTruthFiles(string path) => !Directory.Exists(path) ? [] : Directory.GetFiles(path, "*.csv")
        .Where(f => System.IO.Path.GetFileName(f).Contains("GroundTruth", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal).ToList();

    static string Describe(List<string> files) =>
        files.Count == 0 ? "none" : string.Join(", ", files.Select(System.IO.Path.GetFileName));
}
