using DermLens.Imaging;

namespace DermLens.Data;

/// <summary>One folder per class (root/&lt;class&gt;/*.jpg), or pre-split as root/train/&lt;class&gt; and root/test/&lt;class&gt;;
/// masks, where present, mirror the classes under root/masks/&lt;class&gt;/&lt;stem&gt;.png; an optional root/metadata.csv
/// gives samples metadata.</summary>
public sealed class ImageFolderSource : IDataSource
{
    const string MasksFolder = "masks";

    /// <summary>Optional CSV at the root: a first column <see cref="MetadataFileColumn"/>, then one column per metadata field.</summary>
    public const string MetadataFile = "metadata.csv";

    /// <summary>The first column of <see cref="MetadataFile"/>: the image path relative to the root, '/' separated. Not
    /// "image", which would make the CSV pass for an ISIC ground truth.</summary>
    public const string MetadataFileColumn = "file";
    static readonly string[] PresetParts = ["train", "test"];

    public string Format => "imagefolder";

    public bool Recognises(string path) =>
        Directory.Exists(path) && (PresetFolders(path) != null || ClassFolders(path, isRoot: true).Any(HasImages));

    public Dataset Read(string path)
    {
        if (!Directory.Exists(path)) throw new DermLensException($"{path}: not a folder (expected root/<class>/*.jpg).");
        var root = System.IO.Path.GetFullPath(path);
        var parts = PresetFolders(root)?.Select(p => (Part: (string?)p.Part, Folder: p.Folder)).ToList()
            ?? [(null, root)];
        CheckNothingBesidePresetParts(root, parts);

        var classFolders = parts.Select(p => (p.Part, p.Folder, Classes: ClassFolders(p.Folder, isRoot: p.Part == null).ToList())).ToList();
        var classes = classFolders.SelectMany(p => p.Classes.Select(System.IO.Path.GetFileName)).Distinct()
            .Order(StringComparer.Ordinal).Cast<string>().ToList();
        if (classes.Count == 0)
            throw new DermLensException($"{root}: no class folders found (expected root/<class>/*.jpg, or root/train/<class> and root/test/<class>).");

        var samples = new List<Sample>();
        foreach (var (part, _, folders) in classFolders)
            foreach (var classFolder in folders)
                samples.AddRange(ReadClass(root, classFolder, classes, part));
        return new Dataset(Format, root, classes, WithMetadata(root, samples));
    }

    static IEnumerable<Sample> ReadClass(string root, string classFolder, List<string> classes, string? part)
    {
        var className = System.IO.Path.GetFileName(classFolder);
        var files = ImageFiles(classFolder).ToList();
        if (files.Count == 0)
            throw new DermLensException($"Class folder {classFolder} has no images ({string.Join(", ", ImageCodec.Extensions)}).");
        int label = classes.IndexOf(className);
        foreach (var file in files)
        {
            var withinClass = System.IO.Path.ChangeExtension(System.IO.Path.GetRelativePath(classFolder, file), ".png");
            var mask = System.IO.Path.Combine(root, MasksFolder, className, withinClass);
            yield return new Sample(RelativeId(root, file), label, file,
                MaskPath: File.Exists(mask) ? mask : null, PresetPart: part);
        }
    }

    /// <summary>The samples with their rows of root/metadata.csv, if there is one; a row for an image not in the set is an
    /// error, since a misspelt path would otherwise quietly leave an image without metadata.</summary>
    static List<Sample> WithMetadata(string root, List<Sample> samples)
    {
        var csvPath = System.IO.Path.Combine(root, MetadataFile);
        if (!File.Exists(csvPath)) return samples;
        var table = CsvTable.Read(csvPath);
        if (!string.Equals(table.Header[0], MetadataFileColumn, StringComparison.OrdinalIgnoreCase))
            throw new DermLensException($"{csvPath}: the first column must be '{MetadataFileColumn}' (the image path relative to " +
                                        $"{root}), not '{table.Header[0]}'.");
        var repeated = table.Header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new DermLensException($"{csvPath}: column names appear more than once: {NameList.Summarise(repeated)}.");
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        // Paths typed on Windows use backslashes; sample ids use '/' on every system.
        foreach (var row in table.Rows)
            if (!rows.TryAdd(row[0].Replace('\\', '/'), row)) duplicates.Add(row[0]);
        if (duplicates.Count > 0)
            throw new DermLensException($"{csvPath}: {duplicates.Count} files have more than one row: {NameList.Summarise(duplicates)}.");
        var ids = samples.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var strangers = rows.Keys.Where(f => !ids.Contains(f)).ToList();
        if (strangers.Count > 0)
            throw new DermLensException($"{csvPath}: {strangers.Count} rows name files that are not images of the set " +
                                        $"(paths relative to {root}, '/' separated): {NameList.Summarise(strangers)}.");

        return samples.Select(s => rows.TryGetValue(s.Id, out var row) ? s with { Metadata = Fields(row) } : s).ToList();

        IReadOnlyDictionary<string, string> Fields(string[] row) => Enumerable.Range(1, table.Header.Count - 1)
            .ToDictionary(c => table.Header[c], c => row[c].Length > 0 ? row[c] : Sample.Unknown, StringComparer.Ordinal).AsReadOnly();
    }

    /// <summary>Image files below a folder in ordinal order, skipping hidden files such as macOS "._x.jpg" sidecars.</summary>
    static IEnumerable<string> ImageFiles(string folder) =>
        FilesBelow(folder)
            .Where(f => ImageCodec.HasImageExtension(f) && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// Files in a folder and its subfolders. A link to a folder is refused, not followed: one pointing up the tree (a
    /// common slip, e.g. <c>Acne/all -> ..</c>) would count every image again under this class and never end, one
    /// pointing elsewhere would pull in images nobody sees in the tree. Links to files are kept.
    /// </summary>
    static IEnumerable<string> FilesBelow(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (new DirectoryInfo(sub).LinkTarget is { } target)
                throw new DermLensException($"{sub}: a link to the folder {target} inside a class folder; DermLens does not follow folder " +
                                            "links there (they can count images twice or loop). Copy or move the images in instead.");
            foreach (var file in FilesBelow(sub)) yield return file;
        }
    }

    static bool HasImages(string folder) => ImageFiles(folder).Any();

    static IEnumerable<string> ClassFolders(string folder, bool isRoot) =>
        Directory.EnumerateDirectories(folder)
            .Where(d => !System.IO.Path.GetFileName(d).StartsWith('.')
                && !(isRoot && string.Equals(System.IO.Path.GetFileName(d), MasksFolder, StringComparison.OrdinalIgnoreCase)))
            // The data folder is the root itself, or the parent of train/ and test/.
            .Select(d => CheckLinkedClassFolder(isRoot ? folder : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(folder))!, d))
            .Order(StringComparer.Ordinal);

    /// <summary>A class folder may be a link to images kept elsewhere, but not to a folder of this tree or above it, whose
    /// images (other classes' among them) it would count again.</summary>
    static string CheckLinkedClassFolder(string dataFolder, string classFolder)
    {
        if (Directory.ResolveLinkTarget(classFolder, returnFinalTarget: true) is not { } target) return classFolder;
        var (resolved, tree) = (WithSeparator(target.FullName), WithSeparator(System.IO.Path.GetFullPath(dataFolder)));
        if (tree.StartsWith(resolved, StringComparison.Ordinal) || resolved.StartsWith(tree, StringComparison.Ordinal))
            throw new DermLensException($"{classFolder}: a link to {target.FullName}, which holds or lies inside the data folder; " +
                                        "its images would be counted again under this class.");
        return classFolder;

        static string WithSeparator(string path) => System.IO.Path.TrimEndingDirectorySeparator(path) + System.IO.Path.DirectorySeparatorChar;
    }

    /// <summary>root/train and root/test (any letter case) when both exist, else null.</summary>
    static List<(string Part, string Folder)>? PresetFolders(string root)
    {
        var found = PresetParts.Select(p => (Part: p, Folder: Directory.EnumerateDirectories(root)
            .FirstOrDefault(d => string.Equals(System.IO.Path.GetFileName(d), p, StringComparison.OrdinalIgnoreCase)))).ToList();
        return found.All(f => f.Folder != null) ? found.Select(f => (f.Part, f.Folder!)).ToList() : null;
    }

    /// <summary>A val/ folder beside train/ and test/ would otherwise be silently left out.</summary>
    static void CheckNothingBesidePresetParts(string root, List<(string? Part, string Folder)> parts)
    {
        if (parts[0].Part == null) return;
        var extra = ClassFolders(root, isRoot: true).Where(d => parts.All(p => p.Folder != d))
            .Select(System.IO.Path.GetFileName).Cast<string>().ToList();
        if (extra.Count > 0)
            throw new DermLensException($"{root}: folder(s) {string.Join(", ", extra)} beside train/ and test/ are not understood; "
                + $"only train/, test/, masks/ and {MetadataFile} may sit there (validation is carved from train/).");
    }

    static string RelativeId(string root, string file) =>
        System.IO.Path.GetRelativePath(root, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}
