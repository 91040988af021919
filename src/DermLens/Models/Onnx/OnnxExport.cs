using DermLens.Imaging;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace DermLens.Models.Onnx;

/// <summary>
/// Writes a DermLens network as an ONNX model without tracing: its module tree is walked by the emitter of its type
/// (<see cref="ResNetOnnx"/>, <see cref="DenseNetOnnx"/>). The graph takes "image", (N, 3, H, W) RGB in 0..1, folds the
/// input normalisation in as Sub and Div nodes, and returns "logits", (N, classes), before any softmax or sigmoid.
/// </summary>
public static class OnnxExport
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "image";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "logits";

    /// <summary>The network (its fp32 weights and BatchNorm running statistics, whatever its memory format) as an ONNX model.</summary>
    public static ModelProto Build(nn.Module<Tensor, Tensor> network, InputSize size, Normalisation normalisation)
    {
        (Func<OnnxLayers, string, string> write, string head) = network switch
        {
            ResNet => ((Func<OnnxLayers, string, string>)ResNetOnnx.Write, ResNetOnnx.Head),
            DenseNet => (DenseNetOnnx.Write, DenseNetOnnx.Head),
            _ => throw new DermLensException($"ONNX export knows ResNet and DenseNet networks, not {network.GetType().Name}."),
        };
        using var noGrad = no_grad();
        var graph = new OnnxGraph();
        var layers = new OnnxLayers(network, graph);
        var input = graph.Input(InputName, 3, size.Height, size.Width);
        var logits = write(layers, layers.Normalise(input, normalisation));
        var classes = layers.Module<MixedLinear>(head).weight.shape[0];
        graph.Output(graph.Node("Identity", OutputName, [logits]), classes);
        return graph.Model($"{network.GetType().Name}: {InputName} (N, 3, {size.Height}, {size.Width}) RGB in 0..1, normalised inside; " +
            $"{OutputName} (N, {classes}) before softmax or sigmoid.");
    }

    /// <summary>Builds the model and writes it to path atomically.</summary>
    public static void Write(nn.Module<Tensor, Tensor> network, InputSize size, Normalisation normalisation, string path)
    {
        var model = Build(network, size, normalisation);
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }
}
