using System.Reflection;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// The TorchSharp and libtorch this process computes with, found by loading libtorch: what `dermlens --version` prints
/// and a bug report needs.
/// </summary>
/// <param name="TorchSharpVersion">TorchSharp's assembly version.</param>
/// <param name="LibTorchVersion">The libtorch version in use: PyTorch's own where the loaded libtorch is PyTorch's (the CUDA set-up),
/// else the one TorchSharp was built for, which its libtorch package matches.</param>
/// <param name="LibTorchFile">The loaded libtorch library file; null where the process's mappings cannot be read (not Linux).</param>
/// <param name="Threads">libtorch's intra-op threads.</param>
/// <param name="CudaDevices">CUDA devices libtorch sees; 0 with the CPU libtorch.</param>
public sealed partial record TorchRuntime(string TorchSharpVersion, string LibTorchVersion, string? LibTorchFile, int Threads, int CudaDevices)
{
    /// <summary>Loads libtorch (an error saying why when it cannot) and describes it.</summary>
    public static TorchRuntime Load()
    {
        try { InitializeDeviceType(DeviceType.CPU); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException)
        {
            throw new DermLensException($"libtorch could not be loaded: {e.Message.Split('\n')[0]}");
        }
        var file = LoadedLibTorchFile();
        return new TorchRuntime(
            TorchSharpVersion: VersionOf(typeof(torch).Assembly),
            LibTorchVersion: (file != null ? PyTorchVersionBeside(file) : null) ?? TrimZeroRevision(__version__),
            LibTorchFile: file,
            Threads: get_num_threads(),
            CudaDevices: cuda.is_available() ? cuda.device_count() : 0);
    }

    /// <summary>An assembly's informational version, its source revision shortened to 7 characters (0.15.0+54e78ce).</summary>
    public static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = version.IndexOf('+');
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }

    // libtorch_cpu (or libtorch_cuda) holds the kernels; libtorch.so is a stub that links them.
    static string? LoadedLibTorchFile()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .FirstOrDefault(path => Path.GetFileName(path) is "libtorch_cpu.so" or "libtorch_cuda.so");
    }

    // PyTorch keeps its libraries in torch/lib and its version in torch/version.py.
    static string? PyTorchVersionBeside(string libraryFile)
    {
        var versionFile = Path.Combine(Path.GetDirectoryName(libraryFile) ?? "", "..", "version.py");
        if (!File.Exists(versionFile)) return null;
        var match = File.ReadLines(versionFile).Select(l => PyTorchVersionLine().Match(l)).FirstOrDefault(m => m.Success);
        return match == null ? null : $"{match.Groups[1].Value} (PyTorch's)";
    }

    static string TrimZeroRevision(string version) => version.EndsWith(".0") && version.Count(c => c == '.') == 3 ? version[..^2] : version;

    [GeneratedRegex(@"^__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex PyTorchVersionLine();
}
