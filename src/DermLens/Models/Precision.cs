using static TorchSharp.torch;

namespace DermLens.Models;

/// <summary>The floating-point type a network computes in; its master weights, BatchNorm statistics and loss stay fp32 either way.</summary>
public enum Precision
{
    /// <summary>Everything in float32.</summary>
    Fp32,
    /// <summary>Convolutions, linear layers and activations in bfloat16, with fp32 master weights.</summary>
    Bf16,
}

/// <summary>Sets the compute type of every <see cref="MixedPrecisionLayer"/> in a network.</summary>
public static class MixedPrecision
{
    /// <summary>The scalar type of a precision.</summary>
    public static ScalarType ScalarTypeOf(Precision precision) => precision == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>
    /// Makes the network compute in the given precision (idempotent; fp32 undoes bf16). A network with convolutions or
    /// linear layers of another kind cannot run in bf16 and is refused, naming the first such layer.
    /// </summary>
    public static void Apply(nn.Module model, Precision precision)
    {
        if (precision == Precision.Bf16 && Bf16Obstacle(model) is { } obstacle)
            throw new DermLensException($"This network cannot compute in bf16: {obstacle}. Use --precision fp32.");
        ScalarType? type = precision == Precision.Bf16 ? ScalarType.BFloat16 : null;
        foreach (var layer in model.modules().OfType<MixedPrecisionLayer>()) layer.ComputeType = type;
    }

    /// <summary>
    /// <see cref="Apply"/> for a network that only scores or explains: the weights are then stored in the compute type
    /// (<see cref="MixedPrecisionLayer.StoreInComputeType"/>), which makes a bf16 pass faster and the network half the size.
    /// </summary>
    public static void ApplyForInference(nn.Module model, Precision precision)
    {
        Apply(model, precision);
        foreach (var layer in model.modules().OfType<MixedPrecisionLayer>()) layer.StoreInComputeType();
    }

    /// <summary>Why the network cannot compute in bf16 (a convolution or linear layer that is not a DermLens one), or null when it can.</summary>
    public static string? Bf16Obstacle(nn.Module model)
    {
        var foreign = model.named_modules().FirstOrDefault(m => m.module is TorchSharp.Modules.Convolution or TorchSharp.Modules.Linear);
        return foreign.module == null ? null
            : $"its layer '{foreign.name}' is a {foreign.module.GetType().Name}, not a DermLens {nameof(MixedConv2d)} or {nameof(MixedLinear)}";
    }
}
