using System.Diagnostics;
using System.Globalization;
using DermLens.Data;

namespace DermLens.Tests.Cli;

/// <summary>A training process killed (SIGKILL) while it writes its resume point, 20 times at seeded moments, still ends
/// with the history of a run that was never interrupted.</summary>
[Trait("Category", "Slow")]
public class KillResumeTests
{
    const int Kills = 20;

    static string[] Train(string data, string run) =>
        ["train", "--data", data, "--out", run, "--epochs", "12", "--image-size", "32", "--batch-size", "8",
         "--test-fraction", "0.25", "--val-fraction", "0.25", "--patience", "12", "--schedule", "cosine"];

    [Fact]
    public void Killed_during_checkpoint_writes_it_resumes_to_the_uninterrupted_history()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--per-class", "3", "--size", "32").ExitCode);
        var reference = CliRunner.Run(Train(data, dir["reference"]));
        Assert.True(reference.ExitCode == 0, reference.ToString());

        var run = dir["killed"];
        var rng = new Random(12);
        int kills = 0;
        for (int attempt = 0; kills < Kills && attempt < 3 * Kills; attempt++)
        {
            var result = CliRunner.Run(Next(data, run), pid => { if (KillWhileSaving(pid, run, rng)) kills++; });
            if (result.ExitCode == 0) break;
        }
        Assert.Equal(Kills, kills);
        var finished = CliRunner.Run(Next(data, run));
        Assert.True(finished.ExitCode == 0, finished.ToString());

        Assert.Equal(Learning(dir["reference"]), Learning(run));
    }

    /// <summary>Resume when a completed epoch is on disk, else start again.</summary>
    static string[] Next(string data, string run) =>
        Directory.Exists(Path.Combine(run, "resume")) || Directory.Exists(Path.Combine(run, "resume.old"))
            ? ["train", "--resume", run]
            : [.. Train(data, run), "--overwrite"];

    /// <summary>Waits for the process to start writing a resume point, then kills it a seeded 0-150 ms later.</summary>
    static bool KillWhileSaving(int pid, string run, Random rng)
    {
        using var process = Process.GetProcessById(pid);
        var incoming = Path.Combine(run, "resume.new");
        var clock = Stopwatch.StartNew();
        while (!Directory.Exists(incoming) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(2);
        Thread.Sleep(rng.Next(0, 150));
        try { process.Kill(); }
        catch (InvalidOperationException) { return false; }
        process.WaitForExit();
        return true;
    }

    /// <summary>history.csv without its wall-clock column, rounded far below what a mixed-up resume would change.</summary>
    static List<string> Learning(string run)
    {
        var table = CsvTable.Read(Path.Combine(run, "history.csv"));
        int seconds = table.Column("seconds");
        return table.Rows.Select(r => string.Join(",", r.Where((_, i) => i != seconds)
            .Select(v => Math.Round(double.Parse(v, CultureInfo.InvariantCulture), 5).ToString(CultureInfo.InvariantCulture)))).ToList();
    }
}
