using System.Text.RegularExpressions;

namespace DermLens.Tests;

/// <summary>The library's folders import one way, in the order docs/ARCHITECTURE.md writes down.</summary>
public sealed partial class ArchitectureTests
{
    internal static readonly string Repository = FindRepository();
    static readonly string Library = Path.Combine(Repository, "src", "DermLens");

    [Fact]
    public void A_folder_uses_only_the_folders_below_it_in_the_architecture_page()
    {
        var layers = Layers();
        var violations = new List<string>();
        foreach (var file in SourceFiles())
        {
            var own = FolderOf(file);
            int ownRank = own == null ? -1 : layers.IndexOf(own);
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                foreach (var used in UsedFolders(lines[i]).Where(f => f != own))
                    if (layers.IndexOf(used) is var rank && (rank < 0 || rank >= ownRank))
                        violations.Add($"{Path.GetRelativePath(Repository, file)}:{i + 1}: {own ?? "(root)"} uses {used}: {lines[i].Trim()}");
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_library_folder_is_placed_on_the_architecture_page_and_named_in_the_readme()
    {
        var layers = Layers();
        var folders = Directory.GetDirectories(Library).Select(d => Path.GetFileName(d)).Where(f => f is not ("bin" or "obj")).ToList();
        Assert.Empty(folders.Except(layers));
        Assert.Empty(layers.Except(folders));
        var readme = File.ReadAllText(Path.Combine(Repository, "README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        Assert.All(folders, f => Assert.Contains($"`{f}`", layout));
    }

    [Fact]
    public void The_checker_sees_usings_and_qualified_names()
    {
        Assert.Equal(["Runs"], UsedFolders("using DermLens.Runs;"));
        Assert.Equal(["Training"], UsedFolders("    /// <see cref=\"Training.Checkpoint\"/>"));
        Assert.Equal(["Imaging"], UsedFolders("readonly Imaging.Preprocessing.PreprocessChain _chain;"));
        Assert.Empty(UsedFolders("var count = batch.Data.Count; // a member named Data"));
    }

    /// <summary>The folders of the page's "Layers:" line, lowest first.</summary>
    static List<string> Layers()
    {
        var page = File.ReadAllLines(Path.Combine(Repository, "docs", "ARCHITECTURE.md"));
        var line = page.Single(l => l.StartsWith("Layers:", StringComparison.Ordinal));
        return line["Layers:".Length..].Split('<', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('`')).ToList();
    }

    static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Library, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"));

    /// <summary>The top folder under src/DermLens a file lives in; null for the root files.</summary>
    static string? FolderOf(string file)
    {
        var parts = Path.GetRelativePath(Library, file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    static List<string> UsedFolders(string line) =>
        UsingPattern().Matches(line).Concat(QualifiedPattern().Matches(line)).Select(m => m.Groups["folder"].Value).Distinct().ToList();

    [GeneratedRegex(@"\busing\s+(?:static\s+)?(?:\w+\s*=\s*)?DermLens\.(?<folder>\w+)")]
    private static partial Regex UsingPattern();

    // A folder name followed by a type name: `Training.Checkpoint`, `DermLens.Runs.RunFolder`; not `x.Data.Count`.
    [GeneratedRegex(@"(?:\bDermLens\.|(?<![\w.]))(?<folder>Data|Imaging|Models|Evaluation|Training|Interpretation|Reporting|Runs|Cli)\.[A-Z]")]
    private static partial Regex QualifiedPattern();

    static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "DermLens", "DermLens.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("src/DermLens/DermLens.csproj not found above " + AppContext.BaseDirectory);
    }
}
