using DermLens.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>The precision a run was asked for (fp32, bf16 or auto) and how auto resolves on this machine.</summary>
public static class PrecisionChoice
{
    /// <summary>The spellings the options accept, each with the precision it fixes (none for auto, which depends on the machine).</summary>
    public static readonly Registry<Precision?> All = new("precision", [("auto", null), ("fp32", Precision.Fp32), ("bf16", Precision.Bf16)]);

    /// <summary>The name a precision is stored under in a run's config.</summary>
    public static string NameOf(Precision precision) => precision == Precision.Bf16 ? "bf16" : "fp32";

    /// <summary>Checks a --precision value without resolving it; throws a one-line error listing the names.</summary>
    public static void Check(string name) => All.Check(name);

    /// <summary>
    /// The precision to compute in, and why: fp32 and bf16 as asked; auto gives bf16 where the hardware has bf16
    /// arithmetic units (a CPU with AMX-BF16 or AVX512-BF16, a CUDA device) and fp32 elsewhere, where bf16 is
    /// emulated and slower than fp32 (10-50x on an AVX2-only CPU here).
    /// </summary>
    public static (Precision Precision, string Reason) Resolve(string name, Device device, string? cpuFlags = null) =>
        All.Get(name) is { } asked ? (asked, $"{NameOf(asked)} as asked") : Automatic(device, cpuFlags);

    /// <summary>
    /// As <see cref="Resolve(string, Device, string?)"/> for a given network: auto also gives fp32 where the network has
    /// layers that cannot compute in bf16 (one built outside the registry), where an explicit bf16 is refused.
    /// </summary>
    public static Precision ResolveFor(nn.Module model, string name, Device device)
    {
        var (precision, _) = Resolve(name, device);
        bool automatic = All.Get(name) == null;
        return automatic && precision == Precision.Bf16 && MixedPrecision.Bf16Obstacle(model) != null ? Precision.Fp32 : precision;
    }

    static (Precision Precision, string Reason) Automatic(Device device, string? cpuFlags)
    {
        if (device.type == DeviceType.CUDA) return (Precision.Bf16, "auto: bf16 on the CUDA device");
        var flags = NativeBf16Flags(cpuFlags ?? CpuInfo.Flags());
        return flags.Count > 0
            ? (Precision.Bf16, $"auto: bf16, the CPU has {string.Join(" and ", flags)}")
            : (Precision.Fp32, "auto: fp32, the CPU has no bf16 units (no amx_bf16 or avx512_bf16 flag)");
    }

    /// <summary>The flags among a CPU's that give it bf16 arithmetic in hardware.</summary>
    public static IReadOnlyList<string> NativeBf16Flags(string cpuFlags)
    {
        var flags = cpuFlags.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return new[] { "amx_bf16", "avx512_bf16" }.Where(flags.Contains).ToArray();
    }
}
