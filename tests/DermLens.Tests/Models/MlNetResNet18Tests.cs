using DermLens.Imaging;
using DermLens.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

/// <summary>Checks the conversion of ML.NET's ONNX ResNet-18 against ONNX Runtime running the original file.</summary>
[Trait("Category", "Slow")]
public class MlNetResNet18Tests(ITestOutputHelper output)
{
    const int Size = 224;
    static readonly float[] ChannelMeansBgr = [103.0626f, 115.9029f, 123.1516f];

    [Fact]
    public void Converted_model_gives_onnx_runtimes_features_and_is_cached()
    {
        using var cache = new TempDir();
        var file = MlNetResNet18.BackboneFile(cache.Path);
        var written = File.GetLastWriteTimeUtc(file);
        Assert.Equal(file, MlNetResNet18.BackboneFile(cache.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        var image = Resizer.ResizeCenterCrop(ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg")), Size);
        var arch = ModelRegistry.GetPretrained("resnet18");
        Assert.Equal(MlNetResNet18.ArchName, arch.Name);
        using var model = (ResNet)arch.Create(7);
        var imported = WeightsImport.LoadBackbone(model, arch, file);
        Assert.NotNull(imported.HeadNotLoaded);
        model.eval();

        // DermLens's path: RGB through the architecture's own normalisation, as the training pipeline feeds it.
        var input = new float[3 * Size * Size];
        TensorLayout.WriteChw(image, arch.Normalisation.Mean, arch.Normalisation.Std, input);
        float[] ours;
        using (no_grad())
        using (var x = tensor(input, [1, 3, Size, Size]))
        using (var features = model.Features(x))
            ours = features.data<float>().ToArray();

        // The ONNX file's own convention, built independently: BGR in 0-255 minus the channel means.
        var bgr = new DenseTensor<float>([1, 3, Size, Size]);
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < Size * Size; i++)
                bgr.Buffer.Span[c * Size * Size + i] = image.Pixels[i * 3 + 2 - c] - ChannelMeansBgr[c];
        using var session = new InferenceSession(MlNetResNet18.FindModelFile("DnnImageModels/ResNet18Onnx/ResNet18.onnx"));
        var reference = Run(session, bgr);

        var difference = MaxAbsDifference(ours, reference);
        output.WriteLine($"max |DermLens - ONNX Runtime| over 512 features: {difference:E2} (largest feature {reference.Max():F3})");
        Assert.Equal(512, ours.Length);
        Assert.True(difference <= 1e-4, $"features differ by up to {difference}");

        // What the channel means cost against the 224x224 mean image that ML.NET subtracts.
        using var preprocess = new InferenceSession(MlNetResNet18.FindModelFile("DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx"));
        var rgb = new DenseTensor<float>([1, 3, Size, Size]);
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < Size * Size; i++)
                rgb.Buffer.Span[c * Size * Size + i] = image.Pixels[i * 3 + c];
        var withMeanImage = Run(session, (DenseTensor<float>)Run(preprocess, rgb, keepShape: true));
        var meanImageDifference = MaxAbsDifference(ours, withMeanImage);
        var cosine = Cosine(ours, withMeanImage);
        output.WriteLine($"channel means vs mean image: max |difference| {meanImageDifference:F4}, cosine similarity {cosine:F6}");
        Assert.True(cosine > 0.99, $"channel means move the features too far from the mean image's (cosine {cosine})");
    }

    [Fact]
    public void A_file_that_is_no_resnet_is_refused_naming_it()
    {
        using var cache = new TempDir();
        var preprocess = MlNetResNet18.FindModelFile("DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx");
        var error = Assert.Throws<DermLensException>(() => MlNetResNet18.Convert(preprocess, preprocess, cache["out.pt"]));
        Assert.Contains(preprocess, error.Message);
        Assert.Contains("not the expected basic-block ResNet", error.Message);
        Assert.False(File.Exists(cache["out.pt"]));
    }

    static float[] Run(InferenceSession session, DenseTensor<float> input) => (float[])Run(session, input, keepShape: false);

    static object Run(InferenceSession session, DenseTensor<float> input, bool keepShape)
    {
        var name = session.InputMetadata.Keys.Single();
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(name, input)]);
        var result = results.Single().AsTensor<float>();
        return keepShape ? new DenseTensor<float>(result.ToArray(), result.Dimensions) : result.ToArray();
    }

    static double MaxAbsDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));
}
