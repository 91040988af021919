namespace DermLens.Tests;

/// <summary>Locates the real sample data sets in ../shared/data beside the repository.</summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string Ham10000 => Path.Combine(Root, "ham10000-dev");
    public static string Cifar10 => Path.Combine(Root, "cifar-10-dev");
    public static string RoiSamples => Path.Combine(Root, "roi-samples");

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("../shared/data not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory deleted when the test ends.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dermlens-test-" + Guid.NewGuid().ToString("N")[..8]);
    public TempDir() => Directory.CreateDirectory(Path);
    public string this[string relative] => System.IO.Path.Combine(Path, relative);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
