using DermLens.Imaging;
using static TorchSharp.torch;

namespace DermLens.Runs;

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
    /// precision is auto, fp32 or bf16; tta (null: the run's stored one) is none, flips or dihedral.
    /// </summary>
    public Predictor(RunFolder run, string device = "cpu", string? preprocess = null, string precision = "auto", string? tta = null)
    {
        var config = run.LoadConfig();
        config = config with { Tta = tta ?? config.Tta };
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
        var config = _model.Config;
        var size = config.Train.ImageSize;
        int classes = Classes.Count;
        foreach (var batch in ImageFileBatches.Read(paths, BatchSize, path => Resizer.ResizeCenterCrop(_preprocess.Apply(ImageCodec.Decode(path)), size)))
        {
            foreach (var (index, error) in batch.Failures) results[index] = new ImagePrediction(paths[index], [], error);
            if (batch.Indices.Length == 0) continue;
            float[] probabilities;
            using (no_grad())
            using (NewDisposeScope())
                probabilities = _model.Probabilities(tensor(batch.Chw(config.Mean, config.Std), [batch.Indices.Length, 3, size.Height, size.Width]))
                    .cpu().data<float>().ToArray();
            for (int j = 0; j < batch.Indices.Length; j++)
            {
                var top = probabilities.AsSpan(j * classes, classes).ToArray()
                    .Select((p, c) => (Class: Classes[c], Probability: p))
                    .OrderByDescending(x => x.Probability).Take(Math.Min(topK, classes)).ToList();
                results[batch.Indices[j]] = new ImagePrediction(paths[batch.Indices[j]], top);
            }
        }
        return results;
    }

    public void Dispose() => _model.Dispose();
}
