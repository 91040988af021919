using System.Diagnostics;

namespace DermLens.Tests.Cli;

/// <summary>Runs the real `dermlens` program in a child process, as a user would.</summary>
static class CliRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    public static Result Run(params string[] args) => Run(args, whileRunning: null);

    /// <summary>The smallest real run: 4 synthetic images per class at 32 px into data, one epoch of training into run.</summary>
    public static void TrainTinyRun(string data, string run, params string[] extraTrainArgs)
    {
        Assert.Equal(0, Run("synth", "--out", data, "--per-class", "4", "--size", "32").ExitCode);
        var train = Run(["train", "--data", data, "--out", run, "--epochs", "1", "--image-size", "32",
            "--batch-size", "8", "--test-fraction", "0.25", "--val-fraction", "0.25", .. extraTrainArgs]);
        Assert.True(train.ExitCode == 0, train.ToString());
    }

    /// <summary>Runs the program; <paramref name="whileRunning"/> gets its process id (e.g. to interrupt it); environment adds variables.</summary>
    public static Result Run(string[] args, Action<int>? whileRunning, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DermLens.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        whileRunning?.Invoke(process.Id);
        var stdout = stdoutTask.Result;
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        return new Result(process.ExitCode, stdout + stderr.Result);
    }
}
