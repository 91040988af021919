using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>
/// A layer with fp32 master weights that can compute in a narrower type (bfloat16): it casts its input and weights
/// to <see cref="ComputeType"/> inside the autograd graph, so gradients arrive at the masters in fp32 and an update
/// smaller than bf16's resolution is not lost. This is what PyTorch's autocast does for convolutions and linear
/// layers; TorchSharp 0.107 exports no autocast, so DermLens's architectures are built from these layers.
/// </summary>
public abstract class MixedPrecisionLayer : Module<Tensor, Tensor>
{
    const string WeightName = "weight", BiasName = "bias";

    protected MixedPrecisionLayer(string name, long[] weightShape, long fanIn, bool bias) : base(name)
    {
        using var noGrad = no_grad();
        // The initialisation of torch.nn.Conv2d / Linear (reset_parameters), in the same order of random draws.
        var weight = empty(weightShape);
        init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        register_parameter(WeightName, new Parameter(weight));
        if (bias)
        {
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            var values = empty(weightShape[0]);
            init.uniform_(values, -bound, bound);
            register_parameter(BiasName, new Parameter(values));
        }
    }

    ScalarType? _masterType;

    /// <summary>The type the layer computes in; null: its parameters' own (fp32). Fixed once the weights are stored in it.</summary>
    public ScalarType? ComputeType
    {
        get;
        set
        {
            if (_masterType != null && value != field)
                throw new InvalidOperationException($"This layer's weights are stored in {field} for inference; its compute type cannot change.");
            field = value;
        }
    }

    /// <summary>The type of the master weights (fp32), also after <see cref="StoreInComputeType"/>.</summary>
    protected ScalarType MasterType => _masterType ?? weight.dtype;

    /// <summary>
    /// For inference: replaces the masters by copies in <see cref="ComputeType"/> (same requires_grad, so gradient-based
    /// explanations still reach the activations), sparing every pass the casts of all weights; at batch 1 in bf16 those
    /// casts are a large part of a ResNet's pass. The layer can no longer train in mixed precision or change type.
    /// </summary>
    public void StoreInComputeType()
    {
        if (ComputeType is not { } type || weight.dtype == type) return;
        _masterType = weight.dtype;
        using var noGrad = no_grad();
        Replace(WeightName, weight, type);
        if (bias is { } b) Replace(BiasName, b, type);
    }

    void Replace(string name, Parameter master, ScalarType type)
    {
        ConditionallyRegisterParameter(name, new Parameter(master.to(type), master.requires_grad));
        master.Dispose();
    }

    /// <summary>The master weight (state-dict name "weight"); replacing it re-registers it under that name.</summary>
    public Parameter weight
    {
        get => get_parameter(WeightName)!;
        set => ConditionallyRegisterParameter(WeightName, value);
    }

    /// <summary>The master bias (state-dict name "bias"), or null for a layer without one.</summary>
    public Parameter? bias => get_parameter(BiasName);

    /// <summary>t in <see cref="ComputeType"/>, as a differentiable cast (t itself when no cast is needed).</summary>
    protected Tensor InComputeType(Tensor t) => ComputeType is { } type && t.dtype != type ? t.to(type) : t;
}
