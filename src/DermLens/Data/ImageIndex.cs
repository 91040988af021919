namespace DermLens.Data;

/// <summary>Finds image files by name stem anywhere under a set of folders, for CSV layouts whose images sit in
/// one or several subfolders (HAM10000 ships images/ or _part_1 and _part_2).</summary>
public sealed class ImageIndex
{
    readonly Dictionary<string, string> _byStem = new(StringComparer.Ordinal);

    /// <summary>Indexes files ending in <paramref name="suffix"/> (e.g. ".jpg" or "_segmentation.png", any case)
    /// under each folder recursively; the first path in ordinal order wins when a stem appears twice, so
    /// duplicated download folders resolve the same way on every run.</summary>
    public ImageIndex(IEnumerable<string> folders, string suffix)
    {
        var files = folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            _byStem.TryAdd(name[..^suffix.Length], file);
        }
    }

    public string? Find(string stem) => _byStem.GetValueOrDefault(stem);
}
