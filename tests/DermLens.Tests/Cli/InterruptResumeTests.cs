using System.Diagnostics;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class InterruptResumeTests
{
    [Fact]
    public void Ctrl_c_keeps_a_resumable_state_and_resume_finishes_the_run()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--per-class", "4", "--size", "32").ExitCode);

        var interrupted = CliRunner.Run(["train", "--data", data, "--out", run, "--epochs", "8", "--image-size", "32",
            "--batch-size", "8", "--test-fraction", "0.25", "--val-fraction", "0.25", "--patience", "8"], pid =>
        {
            var state = Path.Combine(run, "resume", "state.json");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(state) && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(100);
            Process.Start("kill", ["-INT", pid.ToString()])!.WaitForExit();
        });
        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.Contains("--resume", interrupted.Output);
        Assert.True(File.Exists(Path.Combine(run, "model.pt")));

        var resumed = CliRunner.Run("train", "--resume", run);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(File.Exists(Path.Combine(run, "metrics.json")));
        Assert.Contains("Resuming", File.ReadAllText(Path.Combine(run, "log.txt")));
    }
}
