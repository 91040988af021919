namespace DermLens.Bench;

/// <summary>What every benchmark needs: ../shared/data above the build output, and how loaded the machine is.</summary>
static class Shared
{
    /// <summary>The 1-, 5- and 15-minute load averages, or "n/a" where /proc/loadavg does not exist.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data"))) return Path.Combine(dir.FullName, "shared", "data");
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory);
    }
}
