namespace DermLens.Data;

/// <summary>HAM10000: HAM10000_metadata.csv (lesion_id, image_id, dx, ...) beside folder(s) of &lt;image_id&gt;.jpg,
/// with optional &lt;image_id&gt;_segmentation.png masks; images of one lesion share a group.</summary>
public sealed class Ham10000Source : IDataSource
{
    public const string MetadataFile = "HAM10000_metadata.csv";
    static readonly string[] RequiredColumns = ["lesion_id", "image_id", "dx"];

    /// <summary>The seven diagnoses of HAM10000 (Tschandl et al. 2018), as its metadata spells them.</summary>
    public static readonly IReadOnlyList<string> Diagnoses = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"];

    /// <summary>The metadata key of the age band (<see cref="AgeBand.Of"/>) drawn from the CSV's age column.</summary>
    public const string AgeBandKey = "age band";

    /// <summary>CSV columns copied into <see cref="Sample.Metadata"/> under their own names, where the CSV has them.</summary>
    public static readonly IReadOnlyList<string> TextMetadataColumns = ["sex", "localization", "dx_type"];

    public string Format => "ham10000";

    /// <summary>A CSV with HAM10000's columns, or any file named HAM10000_metadata.csv: one that cannot be read as such is
    /// then reported by <see cref="Read"/> instead of the folder passing for another layout.</summary>
    public bool Recognises(string path) =>
        FindCsv(path) is { } csv && (string.Equals(System.IO.Path.GetFileName(csv), MetadataFile, StringComparison.OrdinalIgnoreCase) || HasHamColumns(csv));

    public Dataset Read(string path)
    {
        var csvPath = FindCsv(path) ?? throw new DermLensException($"{path}: no {MetadataFile} found.");
        var root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csvPath))!;
        var table = CsvTable.Read(csvPath);
        int lesionCol = table.Column("lesion_id"), imageCol = table.Column("image_id"), dxCol = table.Column("dx");

        var rows = table.Rows.Select((r, i) => (Line: i + 2, Lesion: r[lesionCol], Image: r[imageCol], Dx: r[dxCol], Fields: r)).ToList();
        var unlabelled = rows.Where(r => r.Dx.Length == 0).Select(r => $"{r.Image} (line {r.Line})").ToList();
        if (unlabelled.Count > 0)
            throw new DermLensException($"{unlabelled.Count} rows of {csvPath} have no dx label: {NameList.Summarise(unlabelled)}.");
        var unknown = rows.Where(r => r.Dx.Length > 0 && !Diagnoses.Contains(r.Dx, StringComparer.Ordinal))
            .Select(r => $"'{r.Dx}' (line {r.Line})").ToList();
        if (unknown.Count > 0)
            throw new DermLensException($"{unknown.Count} rows of {csvPath} have a dx that is not a HAM10000 diagnosis " +
                                        $"({string.Join(", ", Diagnoses)}, lower case): {NameList.Summarise(unknown)}.");
        var unnamed = rows.Where(r => r.Image.Length == 0).Select(r => $"line {r.Line}").ToList();
        if (unnamed.Count > 0)
            throw new DermLensException($"{unnamed.Count} rows of {csvPath} have no image_id: {NameList.Summarise(unnamed)}.");
        var duplicates = rows.GroupBy(r => r.Image, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new DermLensException($"{duplicates.Count} image_ids appear more than once in {csvPath}: {NameList.Summarise(duplicates)}.");

        var images = new ImageIndex([root], ".jpg");
        var missing = rows.Where(r => images.Find(r.Image) == null).Select(r => r.Image).ToList();
        if (missing.Count > 0)
            throw new DermLensException($"{missing.Count} images named in {csvPath} are missing: {NameList.Summarise(missing)} "
                + $"(looked for <image_id>.jpg under {root}).");

        var masks = new ImageIndex([root], "_segmentation.png");
        var classes = rows.Select(r => r.Dx).Distinct().Order(StringComparer.Ordinal).ToList();
        var metadata = MetadataReader(table);
        var samples = rows.Select(r => new Sample(r.Image, classes.IndexOf(r.Dx), images.Find(r.Image)!,
            Group: r.Lesion.Length > 0 ? r.Lesion : null, MaskPath: masks.Find(r.Image)) { Metadata = metadata(r.Fields) }).ToList();
        return new Dataset(Format, root, classes, samples);
    }

    /// <summary>Turns a row into its metadata: the text columns the CSV has, empty ones as <see cref="Sample.Unknown"/>, and the
    /// age band when there is an age column; rows of a CSV with none of these columns share <see cref="Sample.NoMetadata"/>.</summary>
    static Func<string[], IReadOnlyDictionary<string, string>> MetadataReader(CsvTable table)
    {
        var text = TextMetadataColumns.Select(name => (Name: name, Column: table.IndexOf(name))).Where(c => c.Column >= 0).ToList();
        int ageCol = table.IndexOf("age");
        if (text.Count == 0 && ageCol < 0) return _ => Sample.NoMetadata;
        return row =>
        {
            var metadata = text.ToDictionary(c => c.Name, c => row[c.Column].Length > 0 ? row[c.Column] : Sample.Unknown, StringComparer.Ordinal);
            if (ageCol >= 0) metadata[AgeBandKey] = AgeBand.Of(row[ageCol]);
            return metadata.AsReadOnly();
        };
    }

    /// <summary>The metadata CSV itself, or HAM10000_metadata.csv inside the folder.</summary>
    static string? FindCsv(string path)
    {
        if (File.Exists(path)) return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? path : null;
        if (!Directory.Exists(path)) return null;
        return Directory.EnumerateFiles(path, "*.csv")
            .FirstOrDefault(f => string.Equals(System.IO.Path.GetFileName(f), MetadataFile, StringComparison.OrdinalIgnoreCase));
    }

    static bool HasHamColumns(string csv) =>
        CsvTable.PeekHeader(csv) is { } header
        && RequiredColumns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));
}
