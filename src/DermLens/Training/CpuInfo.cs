namespace DermLens.Training;

/// <summary>What the CPU says of itself in /proc/cpuinfo (Linux); empty elsewhere.</summary>
public static class CpuInfo
{
    const string File = "/proc/cpuinfo";

    /// <summary>The first processor's feature flags, space-separated.</summary>
    public static string Flags() => Field("flags");

    /// <summary>The first processor's model name.</summary>
    public static string ModelName() => Field("model name");

    static string Field(string name)
    {
        if (!System.IO.File.Exists(File)) return "";
        foreach (var line in System.IO.File.ReadLines(File))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == name) return line[(colon + 1)..].Trim();
        }
        return "";
    }
}
