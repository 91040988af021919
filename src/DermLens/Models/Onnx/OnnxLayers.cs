using TorchSharp.Modules;
using static TorchSharp.torch;
using static DermLens.Models.Onnx.OnnxGraph;

namespace DermLens.Models.Onnx;

/// <summary>
/// DermLens's layers as ONNX nodes, each found by its state-dict name in the network and written under that name, so
/// the exported graph reads like the module tree. BatchNorm stays a BatchNormalization node in inference form (running
/// statistics), not folded into the convolution before it: DenseNet normalises before its convolutions, where no
/// folding is possible, and ONNX Runtime folds Conv+BatchNormalization itself when it loads the graph.
/// </summary>
public sealed class OnnxLayers
{
    readonly Dictionary<string, nn.Module> modules;

    /// <summary>Layers of network written into graph.</summary>
    public OnnxLayers(nn.Module network, OnnxGraph graph)
    {
        modules = network.named_modules().ToDictionary(m => m.name, m => m.module);
        Graph = graph;
    }

    /// <summary>The graph the layers are written into.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Whether the network has a module of this name (ResNet blocks with and without a downsample branch).</summary>
    public bool Has(string name) => modules.ContainsKey(name);

    /// <summary>The network's child module of that name and type; fails naming both where it is something else.</summary>
    public T Module<T>(string name) where T : nn.Module =>
        modules.TryGetValue(name, out var module) && module is T typed
            ? typed
            : throw new InvalidOperationException($"The network has no {typeof(T).Name} '{name}' to export.");

    /// <summary>The input's (x - mean) / std per channel, so the graph takes RGB values in 0..1.</summary>
    public string Normalise(string input, Normalisation normalisation)
    {
        var mean = Graph.Constant("input_mean", normalisation.Mean, [1, 3, 1, 1]);
        var std = Graph.Constant("input_std", normalisation.Std, [1, 3, 1, 1]);
        return Graph.Node("Div", "normalised", [Graph.Node("Sub", "centred", [input, mean]), std]);
    }

    /// <summary>A MixedConv2d: square kernel, symmetric padding, no dilation or groups, as DermLens builds them.</summary>
    public string Conv(string input, string name)
    {
        var conv = Module<MixedConv2d>(name);
        var inputs = new List<string> { input, Graph.Weight(name + ".weight", conv.weight) };
        if (conv.bias is { } bias) inputs.Add(Graph.Weight(name + ".bias", bias));
        long kernel = conv.weight.shape[2], stride = conv.Stride, pad = conv.Padding;
        return Graph.Node("Conv", name, inputs,
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));
    }

    /// <summary>A BatchNorm2d in eval mode: scale, shift, running mean and variance, its epsilon.</summary>
    public string BatchNorm(string input, string name)
    {
        var norm = Module<BatchNorm2d>(name);
        string[] inputs =
        [
            input, Graph.Weight(name + ".weight", norm.weight!), Graph.Weight(name + ".bias", norm.bias!),
            Graph.Weight(name + ".running_mean", norm.running_mean!), Graph.Weight(name + ".running_var", norm.running_var!),
        ];
        return Graph.Node("BatchNormalization", name, inputs, Float("epsilon", (float)norm.eps));
    }

    /// <summary>A ReLU node; name must be unique in the graph (ResNet blocks reuse one ReLU module three times).</summary>
    public string Relu(string input, string name) => Graph.Node("Relu", name, [input]);

    public string MaxPool(string input, string name, long kernel, long stride, long pad) =>
        Graph.Node("MaxPool", name, [input], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));

    /// <summary>Average pooling without padding (DenseNet's transitions), so counting padded cells cannot differ.</summary>
    public string AveragePool(string input, string name, long kernel, long stride) =>
        Graph.Node("AveragePool", name, [input], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride));

    /// <summary>adaptive_avg_pool2d(x, 1).flatten(1): (N, C, H, W) to (N, C).</summary>
    public string GlobalPoolFlat(string input, string name) =>
        Graph.Node("Flatten", name + ".flat", [Graph.Node("GlobalAveragePool", name, [input])], Int("axis", 1));

    /// <summary>A MixedLinear: x W^T + b as one Gemm.</summary>
    public string Linear(string input, string name)
    {
        var linear = Module<MixedLinear>(name);
        var inputs = new List<string> { input, Graph.Weight(name + ".weight", linear.weight) };
        if (linear.bias is { } bias) inputs.Add(Graph.Weight(name + ".bias", bias));
        return Graph.Node("Gemm", name, inputs, Int("transB", 1));
    }
}
