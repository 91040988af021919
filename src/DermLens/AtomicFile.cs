namespace DermLens;

/// <summary>Writes files via a temporary sibling and a rename, so readers never see half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    const string TempMarker = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + TempMarker + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Removes the temporary files that writes killed midway left in a folder (name.tmp&lt;pid&gt;).</summary>
    public static void DeleteLeftovers(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*" + TempMarker + "*"))
        {
            var name = Path.GetFileName(file);
            var marker = name.LastIndexOf(TempMarker, StringComparison.Ordinal);
            if (marker > 0 && name.Length > marker + TempMarker.Length && name[(marker + TempMarker.Length)..].All(char.IsAsciiDigit))
                File.Delete(file);
        }
    }
}
