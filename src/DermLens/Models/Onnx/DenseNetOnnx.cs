namespace DermLens.Models.Onnx;

/// <summary>A <see cref="DenseNet"/> (any growth rate and block depths) as ONNX nodes, following its forward.</summary>
static class DenseNetOnnx
{
    /// <summary>The classifier layer's name.</summary>
    public const string Head = "classifier";

    /// <summary>Writes the network from its normalised input to its logits; returns the logits' value name.</summary>
    public static string Write(OnnxLayers layers, string input)
    {
        var x = layers.Relu(layers.BatchNorm(layers.Conv(input, "features.conv0"), "features.norm0"), "features.relu0");
        x = layers.MaxPool(x, "features.pool0", kernel: 3, stride: 2, pad: 1);
        for (var block = 1; layers.Has($"features.denseblock{block}"); block++)
        {
            x = Block(layers, x, $"features.denseblock{block}");
            var transition = $"features.transition{block}";
            if (!layers.Has(transition)) continue;
            x = layers.Conv(layers.Relu(layers.BatchNorm(x, transition + ".norm"), transition + ".relu"), transition + ".conv");
            x = layers.AveragePool(x, transition + ".pool", kernel: 2, stride: 2);
        }
        x = layers.Relu(layers.BatchNorm(x, "features.norm5"), "relu");
        return layers.Linear(layers.GlobalPoolFlat(x, "pool"), Head);
    }

    /// <summary>Each dense layer reads the concatenation of the block's input and every earlier layer's output.</summary>
    static string Block(OnnxLayers layers, string input, string prefix)
    {
        var features = new List<string> { input };
        for (var layer = 1; layers.Has($"{prefix}.denselayer{layer}"); layer++)
        {
            var name = $"{prefix}.denselayer{layer}";
            var concatenated = features.Count == 1 ? input : Concat(layers, features, name + ".input");
            var x = layers.Conv(layers.Relu(layers.BatchNorm(concatenated, name + ".norm1"), name + ".relu1"), name + ".conv1");
            features.Add(layers.Conv(layers.Relu(layers.BatchNorm(x, name + ".norm2"), name + ".relu2"), name + ".conv2"));
        }
        return Concat(layers, features, prefix + ".output");
    }

    static string Concat(OnnxLayers layers, IEnumerable<string> values, string name) =>
        layers.Graph.Node("Concat", name, values, OnnxGraph.Int("axis", 1));
}
