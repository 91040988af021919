using System.Diagnostics;
using Xunit;

namespace DermLens.Tests.Models;

/// <summary>Runs python3 with PyTorch and torchvision (Debian's python3-torch), the reference these tests compare against.</summary>
static class PythonTorch
{
    // pyenv and virtual environments often shadow the system python3 that Debian's python3-torch installs into.
    static readonly string? Interpreter = new[] { Environment.GetEnvironmentVariable("DERMLENS_PYTHON"), "python3", "/usr/bin/python3" }
        .FirstOrDefault(candidate => !string.IsNullOrEmpty(candidate) && Imports(candidate));

    public static bool Available => Interpreter is not null;

    /// <summary>Runs a python script with arguments and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var (code, output, error) = Execute(Interpreter!, script, arguments);
        Assert.True(code == 0, "python3 failed: " + error);
        return output;
    }

    static bool Imports(string interpreter)
    {
        try
        {
            return Execute(interpreter, "import torch, torchvision", []).Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    static (int Code, string Output, string Error) Execute(string interpreter, string script, string[] arguments)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}

/// <summary>A fact that is skipped, with the reason, where python3 lacks torch or torchvision.</summary>
sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute()
    {
        if (!PythonTorch.Available) Skip = "python3 with torch and torchvision is not installed (apt-get install python3-torch python3-torchvision)";
    }
}
