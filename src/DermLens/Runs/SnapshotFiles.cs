namespace DermLens.Runs;

/// <summary>
/// The snapshot ensemble's members in a run folder (Huang et al., "Snapshot Ensembles", ICLR 2017): the network at the
/// end of each SGDR cycle, snapshot-1.pt for the first cycle and so on. Fixed names, so a run never reads a file its
/// config points to.
/// </summary>
public static class SnapshotFiles
{
    const string Prefix = "snapshot-", Extension = ".pt";

    /// <summary>The file of the given 1-based cycle's end.</summary>
    public static string Of(RunFolder run, int cycle) => run.File($"{Prefix}{cycle}{Extension}");

    /// <summary>The snapshots in the folder, in cycle order.</summary>
    public static IReadOnlyList<string> All(RunFolder run) =>
        !Directory.Exists(run.Path) ? [] : Directory.EnumerateFiles(run.Path, Prefix + "*" + Extension)
            .Select(path => (Path: path, Cycle: CycleOf(path)))
            .Where(f => f.Cycle > 0)
            .OrderBy(f => f.Cycle)
            .Select(f => f.Path)
            .ToArray();

    /// <summary>The last <paramref name="count"/> snapshots, the members averaged at inference.</summary>
    public static IReadOnlyList<string> Members(RunFolder run, int count)
    {
        var all = All(run);
        if (all.Count == 0)
            throw new DermLensException($"{run.Path} was trained to average {count} snapshots, but holds no {Prefix}N{Extension} file.");
        return all.Skip(Math.Max(0, all.Count - count)).ToArray();
    }

    /// <summary>Removes the snapshots of an earlier run, so that a new run's ensemble cannot mix in old networks.</summary>
    public static void DeleteAll(RunFolder run)
    {
        foreach (var file in All(run)) File.Delete(file);
    }

    static int CycleOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return int.TryParse(name.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var cycle) ? cycle : 0;
    }
}
