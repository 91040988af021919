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

    /// <summary>Runs the program; <paramref name="whileRunning"/> gets its process id (e.g. to interrupt it).</summary>
    public static Result Run(string[] args, Action<int>? whileRunning)
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
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        whileRunning?.Invoke(process.Id);
        var stdout = stdoutTask.Result;
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException(string.Join(' ', args)); }
        return new Result(process.ExitCode, stdout + stderr.Result);
    }
}
