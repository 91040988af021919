namespace DermLens.Models.Onnx;

/// <summary>A <see cref="ResNet"/> (basic or bottleneck blocks, any stage depths) as ONNX nodes, following its forward.</summary>
static class ResNetOnnx
{
    /// <summary>The classifier layer's name.</summary>
    public const string Head = "fc";

    /// <summary>Writes the network from its normalised input to its logits; returns the logits' value name.</summary>
    public static string Write(OnnxLayers layers, string input)
    {
        var x = layers.Relu(layers.BatchNorm(layers.Conv(input, "conv1"), "bn1"), "relu");
        x = layers.MaxPool(x, "maxpool", kernel: 3, stride: 2, pad: 1);
        for (var stage = 1; stage <= 4; stage++)
            for (var block = 0; layers.Has($"layer{stage}.{block}"); block++)
                x = Block(layers, x, $"layer{stage}.{block}");
        return layers.Linear(layers.GlobalPoolFlat(x, "avgpool"), Head);
    }

    static string Block(OnnxLayers layers, string input, string prefix)
    {
        var x = layers.Relu(layers.BatchNorm(layers.Conv(input, prefix + ".conv1"), prefix + ".bn1"), prefix + ".relu1");
        x = layers.BatchNorm(layers.Conv(x, prefix + ".conv2"), prefix + ".bn2");
        if (layers.Has(prefix + ".conv3"))
            x = layers.BatchNorm(layers.Conv(layers.Relu(x, prefix + ".relu2"), prefix + ".conv3"), prefix + ".bn3");
        var identity = layers.Has(prefix + ".downsample")
            ? layers.BatchNorm(layers.Conv(input, prefix + ".downsample.0"), prefix + ".downsample.1")
            : input;
        return layers.Relu(layers.Graph.Node("Add", prefix + ".add", [x, identity]), prefix + ".relu");
    }
}
