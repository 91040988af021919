using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Models;
using DermLens.Runs;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Interpretation;

/// <summary>One explained image: the class explained and the files written, or why the image could not be read.</summary>
public sealed record ExplainedImage(string Path, string? ClassName, IReadOnlyList<string> Files, string? Error = null);

/// <summary>
/// Explains image files with a run's best model and the run's own preprocessing and input transform, writing for each a picture
/// (CAM overlay with colour bar, or the Guided Backprop gradient image) and the raw map as .npy.
/// </summary>
public sealed class ExplainJob : IDisposable
{
    readonly RunModel model;
    readonly RunConfig config;
    readonly Explainer explainer;
    readonly Device device;
    readonly PreprocessChain preprocess;

    /// <summary>
    /// Loads the run's model for the named method; targetLayer overrides the architecture's CAM layer, preprocess
    /// (null: the run's stored chain) the preprocessing chain, see <see cref="InferencePreprocessing"/>.
    /// </summary>
    public ExplainJob(RunFolder run, string method, string? targetLayer = null, string device = "cpu", string? preprocess = null,
        string precision = "auto")
    {
        config = run.LoadConfig();
        var chosen = InferencePreprocessing.For(config, preprocess);
        this.preprocess = chosen.Chain;
        PreprocessWarning = chosen.Warning;
        model = RunModel.Load(run, device, precision, config);
        this.device = model.Device;
        try { explainer = ExplanationMethods.Create(method, model.Network, TargetLayer.NameFor(ModelRegistry.Get(config.Arch), targetLayer)); }
        catch { model.Dispose(); throw; }
    }

    /// <summary>What the model computes in and why.</summary>
    public string PrecisionReason => model.PrecisionReason;

    /// <summary>The run's class names.</summary>
    public IReadOnlyList<string> Classes => config.Classes;

    /// <summary>Set when the applied chain differs from the one the run was trained with.</summary>
    public string? PreprocessWarning { get; }

    /// <summary>Explains one image for className (null: the predicted class), writing into outputFolder.</summary>
    public ExplainedImage Explain(string imagePath, string outputFolder, string? className = null)
    {
        var target = className == null ? null : new ClassTarget(ClassIndex(className));
        RgbImage image;
        try { image = preprocess.Apply(ImageCodec.Decode(imagePath)); }
        catch (ImageReadException e) { return new ExplainedImage(imagePath, className, [], e.Reason); }
        catch (DermLensException e) { return new ExplainedImage(imagePath, className, [], "preprocessing: " + e.Message); }

        var size = config.Train.ImageSize;
        var shown = Resizer.ResizeCenterCrop(image, size);
        var pixels = new float[3 * size * size];
        TensorLayout.WriteChw(shown, config.Mean, config.Std, pixels);
        using var scope = NewDisposeScope();
        var input = tensor(pixels, [1, 3, size, size]).to(device);
        var explained = target?.Class ?? Predicted(input);
        using var map = explainer.Explain(input, [new ClassTarget(explained)]);
        var values = map.data<float>().ToArray();

        Directory.CreateDirectory(outputFolder);
        var stem = System.IO.Path.Combine(outputFolder, $"{System.IO.Path.GetFileNameWithoutExtension(imagePath)}.{explainer.Name}");
        var picture = map.dim() == 3 ? Overlay.HeatMap(shown, values) : Overlay.Gradients(values, size, size);
        ImageCodec.SavePng(picture, stem + ".png");
        NpyFile.Write(stem + ".npy", values, map.shape.Skip(1).Select(d => (int)d).ToArray());
        return new ExplainedImage(imagePath, config.Classes[explained], [stem + ".png", stem + ".npy"]);
    }

    int ClassIndex(string className)
    {
        var index = config.Classes.ToList().FindIndex(c => string.Equals(c, className, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index
            : throw new DermLensException($"The run has no class '{className}'. Classes: {string.Join(", ", config.Classes)}.");
    }

    int Predicted(Tensor input)
    {
        using var noGrad = no_grad();
        return (int)model.Network.call(input).argmax(1).item<long>();
    }

    public void Dispose() => model.Dispose();
}
