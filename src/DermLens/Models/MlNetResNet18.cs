using System.Globalization;
using Onnx;
using TorchSharp.PyBridge;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Models;

/// <summary>
/// The ImageNet ResNet-18 that NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 ships as ONNX (a CNTK
/// export), converted once into a DermLens state dict and cached. It is not torchvision's ResNet-18: layer4 has
/// three blocks, and it was trained on BGR pixels in 0-255 minus a mean image.
/// </summary>
public static class MlNetResNet18
{
    /// <summary>Registry name of the architecture these weights fit.</summary>
    public const string ArchName = "resnet18-mlnet";

    /// <summary>The NuGet package, and the version DermLens.csproj downloads, that holds the weights.</summary>
    public const string Package = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string PackageVersion = "0.23.1";

    /// <summary>Residual blocks per stage.</summary>
    public static IReadOnlyList<int> Blocks { get; } = [2, 2, 2, 3];

    // The package's model files, relative to its tools/ folder and to the build output, which gets copies.
    const string WeightsFile = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";
    const string PreprocessFile = "DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";

    // Per-channel averages of the package's 224x224 mean image, in RGB order; Convert checks them against the file.
    static readonly float[] ChannelMeans = [123.1516f, 115.9029f, 103.0626f];
    const float ChannelMeanTolerance = 1e-3f;

    // The weights expect pixel - m on the 0-255 scale. Feeding that directly makes conv1's gradients ~255x too
    // large for ordinary learning rates (training diverged at lr 0.01), so the input is scaled to about unit
    // variance and conv1's weights take the factor instead: (pixel - m) = input * 255 * InputStd.
    const float InputStd = 0.226f;

    /// <summary>
    /// The input normalisation, in the pipeline's terms of (pixel/255 - mean) / std: the weights' channel means
    /// (which replace the mean image, itself only fitting 224x224 inputs) and an ImageNet-like spread.
    /// The weights' BGR order and 0-255 scale are folded into conv1, so the model takes RGB like every other.
    /// </summary>
    public static Normalisation Normalisation { get; } =
        new(ChannelMeans.Select(m => m / 255f).ToArray(), [InputStd, InputStd, InputStd]);

    /// <summary>The registry's pretrained source for "resnet18" and "resnet18-mlnet"; converts into <see cref="CacheFolder"/> on first use.</summary>
    public static PretrainedSource Source { get; } = new(
        ArchName,
        $"ImageNet ResNet-18 (CNTK, layer4 of three blocks) from NuGet package {Package} {PackageVersion}",
        (_, _) => BackboneFile(CacheFolder.Path));

    /// <summary>A freshly initialised network of this shape with a new head.</summary>
    public static ResNet Create(int numClasses) => new(numClasses, Blocks.ToArray(), bottleneck: false);

    /// <summary>The converted backbone's state-dict file under cacheFolder, converting the package's ONNX file if it is not there yet.</summary>
    public static string BackboneFile(string cacheFolder)
    {
        var path = Path.Combine(cacheFolder, "pretrained", $"{ArchName}-{PackageVersion}-rgb.pt");
        if (!File.Exists(path)) Convert(FindModelFile(WeightsFile), FindModelFile(PreprocessFile), path);
        return path;
    }

    /// <summary>
    /// Converts the ONNX weights into a state dict with torchvision's names (no head), conv1 reordered to take RGB,
    /// and writes it atomically to outputPath. Fails naming the file if it is not the expected network.
    /// </summary>
    public static void Convert(string onnxPath, string preprocessPath, string outputPath)
    {
        CheckChannelMeans(preprocessPath);
        using var scope = NewDisposeScope();
        var (stateDict, blocks) = OnnxResNetReader.Read(onnxPath);
        if (!blocks.SequenceEqual(Blocks))
            throw new DermLensException($"'{onnxPath}' has ResNet stages of [{string.Join(", ", blocks)}] blocks, expected [{string.Join(", ", Blocks)}].");
        // The ONNX network reads channels as B, G, R; reversing conv1's input channels makes it read R, G, B.
        using var scale = (255.0 * InputStd).ToScalar();
        stateDict["conv1.weight"] = stateDict["conv1.weight"].flip(1).mul(scale);
        CheckAgainstModel(onnxPath, stateDict);
        AtomicFile.Write(outputPath, stream => PyTorchPickler.PickleStateDict(stream, stateDict, leaveOpen: true));
    }

    /// <summary>
    /// Finds one of the package's model files: beside the application, where the build copies them, else in the
    /// NuGet global packages folder ($NUGET_PACKAGES or ~/.nuget/packages) that restore downloads the package to.
    /// </summary>
    public static string FindModelFile(string relativePath)
    {
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(nugetRoot))
            nugetRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, relativePath),
            Path.Combine(Path.GetDirectoryName(typeof(MlNetResNet18).Assembly.Location) ?? "", relativePath),
            Path.Combine(nugetRoot, Package.ToLowerInvariant(), PackageVersion, "tools", relativePath),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new DermLensException($"The ImageNet ResNet-18 weights ({Path.GetFileName(relativePath)} of NuGet package {Package} {PackageVersion}) " +
                $"were not found; looked in {string.Join(", ", candidates.Distinct())}. Run 'dotnet restore' on DermLens to download them.");
    }

    static void CheckChannelMeans(string preprocessPath)
    {
        float[] meanImage;
        try
        {
            using var stream = File.OpenRead(preprocessPath);
            var graph = ModelProto.Parser.ParseFrom(stream).Graph;
            meanImage = graph.Initializer.Single(t => t.Name == "MeanImage").FloatData.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new DermLensException($"'{preprocessPath}' cannot be read as the package's preprocessing model: {e.Message}", e);
        }
        var plane = meanImage.Length / 3;
        for (var bgr = 0; bgr < 3; bgr++)
        {
            var mean = meanImage.AsSpan(bgr * plane, plane).ToArray().Average();
            if (Math.Abs(mean - ChannelMeans[2 - bgr]) > ChannelMeanTolerance)
                throw new DermLensException(string.Create(CultureInfo.InvariantCulture,
                    $"'{preprocessPath}': mean image channel {"BGR"[bgr]} averages {mean:F4}, DermLens assumes {ChannelMeans[2 - bgr]:F4}."));
        }
    }

    static void CheckAgainstModel(string onnxPath, Dictionary<string, Tensor> stateDict)
    {
        using var model = Create(1);
        var expected = model.state_dict()
            .Where(p => !p.Key.StartsWith("fc.", StringComparison.Ordinal) && !p.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value.shape);
        var problems = expected.Keys.Where(k => !stateDict.ContainsKey(k)).Select(k => $"'{k}' missing")
            .Concat(stateDict.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"'{k}' unexpected"))
            .Concat(expected.Where(p => stateDict.TryGetValue(p.Key, out var t) && !t.shape.SequenceEqual(p.Value))
                .Select(p => $"'{p.Key}' has shape [{string.Join(", ", stateDict[p.Key].shape)}], expected [{string.Join(", ", p.Value)}]"))
            .ToList();
        if (problems.Count > 0)
            throw new DermLensException($"'{onnxPath}' does not fit {ArchName}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (and {problems.Count - 5} more)" : "")}.");
    }
}
