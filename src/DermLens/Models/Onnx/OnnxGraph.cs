using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace DermLens.Models.Onnx;

/// <summary>
/// An ONNX graph being written node by node: fp32 weights become initialisers, each node's one output is named after
/// the module that computes it, and the finished model declares opset 17 (IR version 8) with a dynamic batch dimension.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The opset the graph's operators are written against.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version that goes with <see cref="Opset"/> (onnx 1.12).</summary>
    public const int IrVersion = 8;

    /// <summary>The symbolic name of the batch dimension of the input and the output.</summary>
    public const string BatchDimension = "N";

    readonly GraphProto graph = new() { Name = "dermlens" };
    readonly HashSet<string> names = [];

    /// <summary>Declares the graph's input, (N, channels, height, width) fp32, and returns its value name.</summary>
    public string Input(string name, long channels, long height, long width)
    {
        graph.Input.Add(Value(name, channels, height, width));
        return Claim(name);
    }

    /// <summary>Declares value as the graph's output, (N, features) fp32.</summary>
    public void Output(string value, long features) => graph.Output.Add(Value(value, features));

    /// <summary>Stores a copy of a tensor as an fp32 initialiser in row-major (NCHW) order, whatever its memory format or type.</summary>
    public string Weight(string name, Tensor weight)
    {
        using var values = weight.detach().to(ScalarType.Float32).cpu().contiguous();
        return Constant(name, values.data<float>().ToArray(), values.shape);
    }

    /// <summary>Stores fp32 values of the given shape as an initialiser.</summary>
    public string Constant(string name, float[] values, long[] shape)
    {
        var proto = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        proto.RawData = ByteString.CopyFrom(bytes);
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a node of opType named name reading inputs; returns its output's name (the node's name).</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Claim(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(node.Name);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Name;
    }

    /// <summary>An integer-list attribute (kernel_shape, strides, pads).</summary>
    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>The finished model; docString says what the graph takes and returns.</summary>
    public ModelProto Model(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "DermLens",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    // Node outputs are named after modules; a second use of a name would silently rewire the graph.
    string Claim(string name) => names.Add(name) ? name : throw new InvalidOperationException($"ONNX value name '{name}' is used twice.");

    static ValueInfoProto Value(string name, params long[] fixedDimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var dimension in fixedDimensions) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
