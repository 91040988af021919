namespace DermLens.Bench;

/// <summary>Finds ../shared/data above the benchmark's build output.</summary>
static class Shared
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data"))) return Path.Combine(dir.FullName, "shared", "data");
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory);
    }
}
