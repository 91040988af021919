using DermLens.Imaging;
using DermLens.Models;
using DermLens.Models.Onnx;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

/// <summary>The exported ONNX graph computes what the TorchSharp network computes, for any batch size and memory format.</summary>
public class OnnxExportTests(ITestOutputHelper output)
{
    const int Size = 64, Classes = 5;
    const double Tolerance = 1e-4;

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    [InlineData("resnet50")]
    [InlineData("densenet121")]
    public void Onnx_runtime_gives_torchsharps_logits_on_random_and_real_images(string arch)
    {
        using var dir = new TempDir();
        using var network = Network(arch);
        var path = dir["model.onnx"];
        OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
        using var session = new InferenceSession(path);

        var difference = MaxDifference(network, session, RandomImages(2));
        var real = MaxDifference(network, session, RealImage());
        output.WriteLine($"{arch}: max |ONNX Runtime - TorchSharp| random {difference:E2}, real image {real:E2}");
        Assert.True(difference <= Tolerance, $"random images: logits differ by up to {difference}");
        Assert.True(real <= Tolerance, $"real image: logits differ by up to {real}");
    }

    [Fact]
    public void The_batch_size_is_dynamic()
    {
        using var dir = new TempDir();
        using var network = Network("resnet18");
        var path = dir["model.onnx"];
        OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
        using var session = new InferenceSession(path);
        Assert.Equal(-1, session.InputMetadata[OnnxExport.InputName].Dimensions[0]);
        foreach (var batch in new[] { 1, 3 })
            Assert.True(MaxDifference(network, session, RandomImages(batch)) <= Tolerance, $"batch of {batch}");
    }

    [Fact]
    public void A_channels_last_network_exports_its_weights_in_onnx_order()
    {
        using var dir = new TempDir();
        using var network = Network("resnet18");
        ChannelsLast.Apply(network);
        Assert.Contains(network.parameters(), p => ChannelsLast.IsChannelsLast(p));
        var path = dir["model.onnx"];
        OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
        using var session = new InferenceSession(path);
        Assert.True(MaxDifference(network, session, RandomImages(2)) <= Tolerance);
    }

    [OnnxCheckerFact]
    public void The_onnx_checker_accepts_the_export()
    {
        using var dir = new TempDir();
        foreach (var arch in new[] { "resnet50", "densenet121" })
        {
            using var network = Network(arch);
            var path = dir[arch + ".onnx"];
            OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
            OnnxChecker.Check(path);
        }
    }

    /// <summary>A freshly built network in eval mode whose BatchNorm layers have statistics and affine parameters far from the identity they start as.</summary>
    internal static nn.Module<Tensor, Tensor> Network(string arch, int seed = 1)
    {
        torch.manual_seed(seed);
        var network = ModelRegistry.Create(arch, Classes);
        using (no_grad())
            foreach (var norm in network.modules().OfType<BatchNorm2d>())
            {
                norm.running_mean!.uniform_(-0.2, 0.2);
                norm.running_var!.uniform_(0.5, 2.0);
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.uniform_(-0.2, 0.2);
            }
        network.eval();
        return network;
    }

    static float[] RandomImages(int count)
    {
        var random = new Random(count);
        return Enumerable.Range(0, count * 3 * Size * Size).Select(_ => random.NextSingle()).ToArray();
    }

    static float[] RealImage()
    {
        var image = Resizer.ResizeCenterCrop(ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg")), Size);
        return TensorLayout.Chw([image], [0f, 0f, 0f], [1f, 1f, 1f]);
    }

    /// <summary>The largest difference between the network's logits on the normalised images and the graph's on the 0..1 images.</summary>
    static double MaxDifference(nn.Module<Tensor, Tensor> network, InferenceSession session, float[] pixels)
    {
        var count = pixels.Length / (3 * Size * Size);
        float[] expected;
        using (no_grad())
        using (NewDisposeScope())
        {
            var mean = tensor(Normalisation.ImageNet.Mean, [1, 3, 1, 1]);
            var std = tensor(Normalisation.ImageNet.Std, [1, 3, 1, 1]);
            var x = tensor(pixels, [count, 3, Size, Size]).sub(mean).div(std);
            expected = network.call(x).data<float>().ToArray();
        }
        var actual = OnnxLogits(session, pixels, count);
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (a, b) => Math.Abs((double)a - b)).Max();
    }

    internal static float[] OnnxLogits(InferenceSession session, float[] pixels, int count)
    {
        var input = new DenseTensor(pixels, [count, 3, Size, Size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, input)]);
        return results.Single(r => r.Name == OnnxExport.OutputName).AsEnumerable<float>().ToArray();
    }
}
