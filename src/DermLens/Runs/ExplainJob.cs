using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Models;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>One explained image: the class explained and the files written, or why the image could not be read.</summary>
public sealed record ExplainedImage(string Path, string? ClassName, IReadOnlyList<string> Files, string? Error = null);

/// <summary>
/// Explains image files with a run's best model and the run's own preprocessing and input transform, writing for each a picture
/// (CAM overlay with colour bar, or the Guided Backprop gradient image) and the raw map as .npy.
/// </summary>
public sealed class ExplainJob : IDisposable
{
    readonly RunModel model;
    readonly Explainer explainer;

    /// <summary>
    /// Loads the run's model for the named method; targetLayer overrides the architecture's CAM layer (see
    /// <see cref="TargetLayer.NameFor"/>), smoothing smooths a CAM.
    /// </summary>
    public ExplainJob(RunFolder run, string method, string? targetLayer = null, InferenceOptions? options = null,
        CamSmoothing smoothing = CamSmoothing.None)
    {
        model = RunModel.Open(run, options);
        try
        {
            explainer = ExplanationMethods.Create(method, model.Network, TargetLayer.NameFor(ModelRegistry.Get(model.Config.Arch), targetLayer), smoothing);
        }
        catch { model.Dispose(); throw; }
    }

    /// <summary>What the model computes in and why.</summary>
    public string PrecisionReason => model.PrecisionReason;

    /// <summary>The run's class names.</summary>
    public IReadOnlyList<string> Classes => model.Config.Classes;

    /// <summary>Set when the applied chain differs from the one the run was trained with.</summary>
    public string? PreprocessWarning => model.PreprocessWarning;

    /// <summary>Explains one image for className (null: the predicted class), writing into outputFolder.</summary>
    public ExplainedImage Explain(string imagePath, string outputFolder, string? className = null) =>
        ExplainAll([imagePath], outputFolder, className)[0];

    /// <summary>Images explained per batch: decoded in parallel, one forward and backward pass per batch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Explains each image for className (null: its predicted class), in the order given, batch by batch.</summary>
    public IReadOnlyList<ExplainedImage> ExplainAll(IReadOnlyList<string> imagePaths, string outputFolder, string? className = null)
    {
        int? fixedClass = className == null ? null : model.Config.ClassIndex(className);
        var results = new ExplainedImage[imagePaths.Count];
        var stems = UniqueStems.Of(imagePaths);
        var size = model.InputSize;
        foreach (var batch in model.ReadFiles(imagePaths, BatchSize))
        {
            foreach (var (index, error) in batch.Failures) results[index] = new ExplainedImage(imagePaths[index], className, [], error);
            int count = batch.Indices.Length;
            if (count == 0) continue;
            using var scope = NewDisposeScope();
            var input = model.Input(batch.Images);
            var classes = fixedClass is { } c ? Enumerable.Repeat(c, count).ToArray()
                : model.ProbabilityRows(input, BatchSize).Select(Predictions.ArgMax).ToArray();
            using var maps = explainer.Explain(input, classes.Select(k => (ExplanationTarget)new ClassTarget(k)).ToList(), BatchSize);
            var values = maps.data<float>().ToArray();
            int mapSize = values.Length / count;
            var mapShape = maps.shape.Skip(1).Select(d => (int)d).ToArray();
            Directory.CreateDirectory(outputFolder);
            for (int j = 0; j < count; j++)
            {
                var path = imagePaths[batch.Indices[j]];
                var map = values.AsSpan(j * mapSize, mapSize);
                var stem = System.IO.Path.Combine(outputFolder, $"{stems[batch.Indices[j]]}.{explainer.Name}");
                var picture = maps.dim() == 3 ? Overlay.HeatMap(batch.Images[j], map) : Overlay.Gradients(map, size.Width, size.Height);
                ImageCodec.SavePng(picture, stem + ".png");
                NpyFile.Write(stem + ".npy", map, mapShape);
                results[batch.Indices[j]] = new ExplainedImage(path, Classes[classes[j]], [stem + ".png", stem + ".npy"]);
            }
        }
        return results;
    }

    public void Dispose() => model.Dispose();
}
