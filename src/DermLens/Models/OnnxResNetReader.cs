using System.Runtime.InteropServices;
using Onnx;
using static TorchSharp.torch;

namespace DermLens.Models;

/// <summary>
/// Reads the weights of a basic-block ResNet out of an ONNX graph under torchvision's state-dict names, by walking
/// the graph from its input: stem, residual blocks (a strided block opens a stage), global pooling. Operator
/// attributes are checked against what DermLens's ResNet computes, and every initialiser must be used exactly once.
/// </summary>
internal sealed class OnnxResNetReader
{
    const float BatchNormEpsilon = 1e-5f;

    readonly GraphProto graph;
    readonly Dictionary<string, TensorProto> initialisers;
    readonly ILookup<string, NodeProto> consumers;
    readonly Dictionary<string, Tensor> stateDict = [];
    readonly HashSet<string> used = [];

    OnnxResNetReader(GraphProto graph)
    {
        this.graph = graph;
        initialisers = graph.Initializer.ToDictionary(t => t.Name);
        consumers = graph.Node.SelectMany(n => n.Input.Select(input => (input, n))).ToLookup(p => p.input, p => p.n);
    }

    /// <summary>The graph's weights by torchvision name (tensors belong to the caller's dispose scope) and its residual blocks per stage.</summary>
    public static (Dictionary<string, Tensor> StateDict, int[] Blocks) Read(string path)
    {
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is IOException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new DermLensException($"'{path}' cannot be read as an ONNX model: {e.Message}", e);
        }
        var reader = new OnnxResNetReader(model.Graph);
        try
        {
            var blocks = reader.Walk();
            return (reader.stateDict, blocks);
        }
        catch (InvalidDataException e)
        {
            foreach (var tensor in reader.stateDict.Values) tensor.Dispose();
            throw new DermLensException($"'{path}' is not the expected basic-block ResNet: {e.Message}", e);
        }
    }

    int[] Walk()
    {
        var input = graph.Input.Select(i => i.Name).Where(n => !initialisers.ContainsKey(n)).ToList();
        if (input.Count != 1) throw new InvalidDataException($"expected one image input, found {input.Count}");

        var stem = Next(input[0], "Conv");
        TakeConv(stem, "conv1", kernel: 7, stride: 2);
        var x = Next(Next(TakeNorm(Next(stem, "BatchNormalization"), "bn1"), "Relu"), "MaxPool");
        CheckWindow(x, kernel: 3, stride: 2);

        var blocks = new List<int>();
        while (consumers[x.Output[0]].Any(n => n.OpType == "Conv"))
        {
            x = Block(x.Output[0], blocks);
        }
        var pool = Next(x, "AveragePool");
        if (!graph.Output.Any(o => o.Name == pool.Output[0]))
            throw new InvalidDataException($"the global pooling {pool.Name} is not the graph's output");

        var unused = initialisers.Keys.Where(k => !used.Contains(k)).ToList();
        if (unused.Count > 0)
            throw new InvalidDataException($"{unused.Count} initialiser(s) not part of the ResNet: {string.Join(", ", unused.Take(5))}");
        return blocks.ToArray();
    }

    /// <summary>Reads one residual block whose input is <paramref name="input"/> and returns its closing ReLU.</summary>
    NodeProto Block(string input, List<int> blocks)
    {
        var convs = consumers[input].Where(n => n.OpType == "Conv").ToList();
        var main = convs.Where(c => Ints(c, "kernel_shape")[0] == 3).ToList();
        var shortcut = convs.Except(main).ToList();
        if (main.Count != 1 || shortcut.Count > 1)
            throw new InvalidDataException($"value {input} feeds {convs.Count} convolutions, not a residual block's one or two");
        var stride = (int)Ints(main[0], "strides")[0];
        // A strided block opens the next stage, as in torchvision, where layers 2-4 begin with stride 2.
        if (blocks.Count == 0 || stride != 1) blocks.Add(0);
        var prefix = $"layer{blocks.Count}.{blocks[^1]}";
        blocks[^1]++;

        TakeConv(main[0], prefix + ".conv1", kernel: 3, stride);
        var relu = Next(TakeNorm(Next(main[0], "BatchNormalization"), prefix + ".bn1"), "Relu");
        var conv2 = Next(relu, "Conv");
        TakeConv(conv2, prefix + ".conv2", kernel: 3, stride: 1);
        var residual = TakeNorm(Next(conv2, "BatchNormalization"), prefix + ".bn2").Output[0];

        var identity = input;
        if (shortcut.Count == 1)
        {
            TakeConv(shortcut[0], prefix + ".downsample.0", kernel: 1, stride);
            identity = TakeNorm(Next(shortcut[0], "BatchNormalization"), prefix + ".downsample.1").Output[0];
        }
        var add = Next(residual, "Add");
        if (!add.Input.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(new[] { residual, identity }.OrderBy(s => s, StringComparer.Ordinal)))
            throw new InvalidDataException($"{add.Name} does not add block {prefix}'s shortcut to its residual");
        return Next(add, "Relu");
    }

    NodeProto Next(NodeProto node, string opType) => Next(node.Output[0], opType);

    NodeProto Next(string value, string opType)
    {
        var next = consumers[value].Where(n => n.OpType == opType).ToList();
        if (next.Count != 1)
            throw new InvalidDataException($"value {value} feeds {next.Count} {opType} node(s), expected one");
        return next[0];
    }

    void TakeConv(NodeProto conv, string name, int kernel, int stride)
    {
        if (conv.Input.Count != 2) throw new InvalidDataException($"{conv.Name} has a bias; torchvision's ResNet convolutions have none");
        if (Int(conv, "group", 1) != 1 || Ints(conv, "dilations", 1).Any(d => d != 1))
            throw new InvalidDataException($"{conv.Name} is grouped or dilated");
        CheckWindow(conv, kernel, stride);
        stateDict[name + ".weight"] = Take(conv.Input[1]);
    }

    /// <summary>
    /// Checks kernel, stride and padding against PyTorch's symmetric padding of kernel/2. CNTK pads one less at the
    /// end of strided windows; at even input sizes (224 all the way down) that last row is never read, so both agree.
    /// </summary>
    static void CheckWindow(NodeProto node, int kernel, int stride)
    {
        var pad = kernel / 2;
        var pads = Ints(node, "pads", 0);
        bool ok = Ints(node, "kernel_shape").SequenceEqual([kernel, kernel])
            && Ints(node, "strides", 1).SequenceEqual([stride, stride])
            && pads.Length == 4 && pads[0] == pad && pads[1] == pad
            && pads[2] <= pad && pads[3] <= pad && (stride > 1 || (pads[2] == pad && pads[3] == pad));
        if (!ok)
            throw new InvalidDataException($"{node.Name} is not a {kernel}x{kernel} window with stride {stride} and padding {pad}");
    }

    NodeProto TakeNorm(NodeProto norm, string name)
    {
        var epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? BatchNormEpsilon;
        if (Math.Abs(epsilon - BatchNormEpsilon) > 1e-9f)
            throw new InvalidDataException($"{norm.Name} has epsilon {epsilon}, DermLens's BatchNorm2d uses {BatchNormEpsilon}");
        string[] parts = ["weight", "bias", "running_mean", "running_var"];
        for (var i = 0; i < parts.Length; i++) stateDict[$"{name}.{parts[i]}"] = Take(norm.Input[i + 1]);
        return norm;
    }

    Tensor Take(string initialiser)
    {
        if (!initialisers.TryGetValue(initialiser, out var proto))
            throw new InvalidDataException($"{initialiser} is computed, not a stored weight");
        if (!used.Add(initialiser)) throw new InvalidDataException($"{initialiser} is used twice");
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{initialiser} is not float32");
        var values = proto.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray() : proto.FloatData.ToArray();
        var shape = proto.Dims.ToArray();
        if (values.Length != shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"{initialiser} holds {values.Length} values for shape [{string.Join(", ", shape)}]");
        return tensor(values, shape);
    }

    static long[] Ints(NodeProto node, string name, long fill = -1)
    {
        var attribute = node.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute != null) return attribute.Ints.ToArray();
        if (fill < 0) throw new InvalidDataException($"{node.Name} lacks attribute {name}");
        return name == "pads" ? [fill, fill, fill, fill] : [fill, fill];
    }

    static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? fallback;
}
