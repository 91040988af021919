using DermLens.Training;

namespace DermLens.Cli.Views;

/// <summary>`dermlens --version`: DermLens's version, then the TorchSharp and libtorch it runs on, which it loads to tell;
/// plain lines, unwrapped, for scripts and bug reports.</summary>
static class VersionView
{
    /// <summary>DermLens's version, e.g. 0.15.0+54e78ce.</summary>
    public static string Version => TorchRuntime.VersionOf(typeof(VersionView).Assembly);

    public static int Print()
    {
        Console.WriteLine($"dermlens {Version}");
        var torch = TorchRuntime.Load();
        Console.WriteLine($"TorchSharp {torch.TorchSharpVersion}");
        Console.WriteLine($"libtorch {torch.LibTorchVersion}{(torch.LibTorchFile != null ? $" ({torch.LibTorchFile})" : "")}");
        Console.WriteLine($"devices: cpu ({torch.Threads} threads){(torch.CudaDevices > 0 ? $", cuda x{torch.CudaDevices}" : "")}");
        return 0;
    }
}
