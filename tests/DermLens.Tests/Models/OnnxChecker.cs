using System.Diagnostics;

namespace DermLens.Tests.Models;

/// <summary>The reference ONNX checker, onnx.checker.check_model with full_check (Debian's python3-onnx), run on a file.</summary>
static class OnnxChecker
{
    // pyenv and virtual environments often shadow the system python3 that Debian's python3-onnx installs into.
    static readonly string? Interpreter = new[] { Environment.GetEnvironmentVariable("DERMLENS_PYTHON"), "python3", "/usr/bin/python3" }
        .FirstOrDefault(candidate => !string.IsNullOrEmpty(candidate) && Run(candidate, "import onnx", []).Code == 0);

    public static bool Available => Interpreter is not null;

    /// <summary>Fails the test with the checker's message where it rejects the file.</summary>
    public static void Check(string path)
    {
        var (code, error) = Run(Interpreter!, "import sys, onnx; onnx.checker.check_model(sys.argv[1], full_check=True)", [path]);
        Assert.True(code == 0, $"onnx.checker rejects {path}: {error}");
    }

    static (int Code, string Error) Run(string interpreter, string script, string[] arguments)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A fact that is skipped, with the reason, where python3 cannot import onnx.</summary>
sealed class OnnxCheckerFactAttribute : FactAttribute
{
    public OnnxCheckerFactAttribute()
    {
        if (!OnnxChecker.Available) Skip = "python3 cannot import onnx, so the ONNX checker is not run (apt-get install python3-onnx)";
    }
}
