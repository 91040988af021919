using DermLens.Imaging;
using DermLens.Runs;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>The top-k classes of one image, or why it could not be read.</summary>
public sealed record ImagePrediction(string Path, IReadOnlyList<(string Class, float Probability)> Top, string? Error = null);

/// <summary>
/// Classifies image files with a run's best model, applying the run's own preprocessing and input transform: the model
/// is loaded once, images are decoded in parallel and classified a batch at a time, and no more than a batch of decoded
/// images is held.
/// </summary>
public sealed class Predictor : IDisposable
{
    readonly RunModel _model;
    readonly Imaging.Preprocessing.PreprocessChain _preprocess;

    /// <summary>
    /// Loads the run's model; preprocess (null: the run's stored chain) overrides the chain, see <see cref="InferencePreprocessing"/>;
    /// precision is auto, fp32 or bf16.
    /// </summary>
    public Predictor(RunFolder run, string device = "cpu", string? preprocess = null, string precision = "auto")
    {
        var config = run.LoadConfig();
        var chosen = InferencePreprocessing.For(config, preprocess);
        _preprocess = chosen.Chain;
        PreprocessWarning = chosen.Warning;
        _model = RunModel.Load(run, device, precision, config);
    }

    public IReadOnlyList<string> Classes => _model.Config.Classes;

    /// <summary>Set when the applied chain differs from the one the run was trained with.</summary>
    public string? PreprocessWarning { get; }

    /// <summary>What the model computes in and why.</summary>
    public string PrecisionReason => _model.PrecisionReason;

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    public ImagePrediction Predict(string path, int topK = 3) => PredictAll([path], topK)[0];

    /// <summary>The top-k classes of each image, in the order given; an unreadable image gets its error instead.</summary>
    public IReadOnlyList<ImagePrediction> PredictAll(IReadOnlyList<string> paths, int topK = 3)
    {
        var results = new ImagePrediction[paths.Count];
        int size = _model.Config.Train.ImageSize, plane = 3 * size * size;
        for (int start = 0; start < paths.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, paths.Count - start);
            var pixels = new float[count * plane];
            var errors = new string?[count];
            Parallel.For(0, count, i => errors[i] = Decode(paths[start + i], pixels.AsSpan(i * plane, plane)));
            var readable = Enumerable.Range(0, count).Where(i => errors[i] == null).ToArray();
            foreach (var i in Enumerable.Range(0, count).Where(i => errors[i] != null))
                results[start + i] = new ImagePrediction(paths[start + i], [], errors[i]);
            if (readable.Length == 0) continue;

            var input = new float[readable.Length * plane];
            for (int j = 0; j < readable.Length; j++) Array.Copy(pixels, readable[j] * plane, input, j * plane, plane);
            float[] probabilities;
            using (no_grad())
            using (NewDisposeScope())
                probabilities = _model.Probabilities(tensor(input, [readable.Length, 3, size, size])).cpu().data<float>().ToArray();
            int classes = Classes.Count;
            for (int j = 0; j < readable.Length; j++)
            {
                var top = probabilities.AsSpan(j * classes, classes).ToArray()
                    .Select((p, c) => (Class: Classes[c], Probability: p))
                    .OrderByDescending(x => x.Probability).Take(Math.Min(topK, classes)).ToList();
                results[start + readable[j]] = new ImagePrediction(paths[start + readable[j]], top);
            }
        }
        return results;
    }

    // The image as the network's input, or why it could not be read.
    string? Decode(string path, Span<float> input)
    {
        RgbImage image;
        try { image = _preprocess.Apply(ImageCodec.Decode(path)); }
        catch (ImageReadException e) { return e.Reason; }
        catch (DermLensException e) { return "preprocessing: " + e.Message; }
        TensorLayout.WriteChw(Resizer.ResizeCenterCrop(image, _model.Config.Train.ImageSize), _model.Config.Mean, _model.Config.Std, input);
        return null;
    }

    public void Dispose() => _model.Dispose();
}
