namespace DermLens.Runs;

/// <summary>
/// A run's last completed epoch, for --resume: its weights (last.pt), momentum buffers (optimizer.bin) and schedule
/// position (state.json), kept together in RUN/resume/. A new one is written whole into resume.new/ and swapped in by
/// folder renames, so a run killed at any moment resumes from a whole epoch, this one or the one before, never a mix.
/// </summary>
public sealed class ResumePoint
{
    const string NewSuffix = ".new", OldSuffix = ".old";

    ResumePoint(string folder) => Folder = folder;

    public string Folder { get; }
    public string Weights => Path.Combine(Folder, "last.pt");
    public string Optimizer => Path.Combine(Folder, "optimizer.bin");
    public string State => Path.Combine(Folder, "state.json");

    /// <summary>The folders a resume point may occupy, for clearing a run away.</summary>
    public static IEnumerable<string> Folders(RunFolder run) => [run.ResumeFolder, run.ResumeFolder + NewSuffix, run.ResumeFolder + OldSuffix];

    /// <summary>Writes a new resume point through write (which fills the three files), then makes it the run's.</summary>
    public static void Save(RunFolder run, Action<ResumePoint> write)
    {
        var (current, incoming, outgoing) = (run.ResumeFolder, run.ResumeFolder + NewSuffix, run.ResumeFolder + OldSuffix);
        Recover(run);
        Delete(incoming);
        Directory.CreateDirectory(incoming);
        write(new ResumePoint(incoming));
        // From here resume.new is whole; while resume/ is away, resume.old/ beside it says so (see Recover).
        if (Directory.Exists(current)) Directory.Move(current, outgoing);
        Directory.Move(incoming, current);
        Delete(outgoing);
    }

    /// <summary>The run's resume point, after finishing or undoing a save that was killed.</summary>
    public static ResumePoint Latest(RunFolder run)
    {
        Recover(run);
        if (!Directory.Exists(run.ResumeFolder))
            throw new DermLensException($"Cannot resume {run.Path}: it holds no completed epoch (no {Path.GetFileName(run.ResumeFolder)}/ folder).");
        return new ResumePoint(run.ResumeFolder);
    }

    /// <summary>
    /// Leaves exactly one whole resume point, or none: a killed save left resume.new/ (whole only if the old point had
    /// already been moved to resume.old/) and maybe resume.old/.
    /// </summary>
    static void Recover(RunFolder run)
    {
        var (current, incoming, outgoing) = (run.ResumeFolder, run.ResumeFolder + NewSuffix, run.ResumeFolder + OldSuffix);
        if (!Directory.Exists(current) && Directory.Exists(outgoing))
        {
            if (Directory.Exists(incoming)) Directory.Move(incoming, current);
            else Directory.Move(outgoing, current);
        }
        Delete(incoming);
        Delete(outgoing);
    }

    static void Delete(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
