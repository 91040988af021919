namespace DermLens.Data;

/// <summary>The known data layouts, tried in order for auto-detection; a new format is one source file plus one line here.</summary>
public static class DataSources
{
    /// <summary>Most specific layouts first: ImageFolder would also accept the folders of the others.</summary>
    static readonly (IDataSource Source, string Layout)[] Registered =
    [
        (new Cifar10Source(), "cifar-10-batches-bin/ with data_batch_*.bin, test_batch.bin, batches.meta.txt"),
        (new Ham10000Source(), "HAM10000_metadata.csv with <image_id>.jpg in subfolders"),
        (new IsicCsvSource(), "ISIC *GroundTruth*.csv (image,MEL,NV,...) with <image>.jpg"),
        (new ImageFolderSource(), "root/<class>/*.jpg, or root/train/<class> and root/test/<class>"),
    ];

    /// <summary>The sources by the name <c>--format</c> takes.</summary>
    public static readonly Registry<IDataSource> ByFormat = new("data format", Registered.Select(r => (r.Source.Format, r.Source)));

    public static IReadOnlyList<string> Formats => ByFormat.Names;

    /// <summary>Reads a data set, detecting its layout unless <paramref name="format"/> names one.</summary>
    public static Dataset Open(string path, string? format = null)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) throw new DermLensException($"Data path not found: {path}");
        var source = format == null ? Detect(path) : Find(format);
        return source.Read(path);
    }

    /// <summary>The source for a <c>--format</c> name (case-insensitive).</summary>
    public static IDataSource Find(string format) => ByFormat.Get(format);

    public static IDataSource Detect(string path) =>
        Registered.Select(r => r.Source).FirstOrDefault(s => s.Recognises(path))
        ?? throw new DermLensException($"Cannot tell the data layout of {path}. Known formats (choose one with --format): "
            + string.Join("; ", Registered.Select(r => $"{r.Source.Format}: {r.Layout}")) + ".");
}
