using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>Parses a device name ("cpu", "cuda", "cuda:1") and checks that it is available.</summary>
public static class Devices
{
    public static Device Parse(string name)
    {
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            try { InitializeDeviceType(DeviceType.CUDA); }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
            {
                throw new DermLensException($"Device '{name}' requested but CUDA could not be loaded: {e.Message.Split('\n')[0]}");
            }
            if (!cuda.is_available()) throw new DermLensException($"Device '{name}' requested but no CUDA device is available.");
        }
        else if (!name.Equals("cpu", StringComparison.OrdinalIgnoreCase))
            throw new DermLensException($"Unknown device '{name}'. Use cpu, cuda or cuda:N.");
        return torch.device(name.ToLowerInvariant());
    }
}
