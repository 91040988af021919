namespace DermLens;

/// <summary>
/// Resolves a file name read from a run's own files (an index, a config) inside the folder that holds it: a run folder
/// received from someone else must never make DermLens read outside it.
/// </summary>
public static class ConfinedPath
{
    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="folder"/>, or null when it is absolute, climbs
    /// out with "..", or passes through a link (DermLens writes none into its folders; a link could point anywhere).
    /// </summary>
    public static string? Resolve(string folder, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative)) return null;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        for (var part = full; part.Length > root.Length; part = Path.GetDirectoryName(part)!)
        {
            FileSystemInfo info = Directory.Exists(part) ? new DirectoryInfo(part) : new FileInfo(part);
            if (info.Exists && info.LinkTarget != null) return null;
        }
        return full;
    }
}
