namespace DermLens.Runs;

/// <summary>Output names for input files that share a name (a/x.png and b/x.png, or x.png and x.jpg): the first keeps its
/// stem, the others get -2, -3, ... so that no output overwrites another.</summary>
public static class UniqueStems
{
    /// <summary>One stem per path, in order, unique ignoring case (some file systems ignore it).</summary>
    public static string[] Of(IReadOnlyList<string> paths)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stems = new string[paths.Count];
        for (int i = 0; i < paths.Count; i++)
        {
            var stem = Path.GetFileNameWithoutExtension(paths[i]);
            var unique = stem;
            for (int n = 2; !taken.Add(unique); n++) unique = $"{stem}-{n}";
            stems[i] = unique;
        }
        return stems;
    }
}
