using System.Diagnostics;

namespace DermLens.Bench;

/// <summary>What every benchmark needs: ../shared/data above the build output, how loaded the machine is, and running the CLI.</summary>
static class Shared
{
    /// <summary>The 1-, 5- and 15-minute load averages, or "n/a" where /proc/loadavg does not exist.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data"))) return Path.Combine(dir.FullName, "shared", "data");
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the built dermlens CLI with arguments, its output into log; the wall-clock seconds it took.</summary>
    public static double Dermlens(string arguments, string log)
    {
        var cli = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/DermLens.Cli/bin/Release/net10.0/DermLens.Cli"));
        if (!File.Exists(cli)) throw new FileNotFoundException($"Build the CLI first: dotnet build -c Release src/DermLens.Cli ({cli} missing)");
        return Execute(cli, arguments, log);
    }

    /// <summary>Runs a program, its output into log; the wall-clock seconds; an exception when it fails.</summary>
    public static double Execute(string program, string arguments, string log)
    {
        Console.WriteLine($"$ {program} {arguments}   (output: {log})");
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        using var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new object();
        void Line(string? line)
        {
            if (line == null) return;
            lock (gate) writer.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        writer.Flush();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}; see {log}");
        return clock.Elapsed.TotalSeconds;
    }
}
