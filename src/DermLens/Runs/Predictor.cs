using DermLens.Evaluation;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>The top-k classes of one image, or why it could not be read.</summary>
public sealed record ImagePrediction(string Path, IReadOnlyList<(string Class, float Probability)> Top, string? Error = null)
{
    /// <summary>What the run's referral rule says of the image; null where the run has none (or the image was unreadable).</summary>
    public Referral? Referral { get; init; }

    /// <summary>The prediction of one row of class scores: its top-k classes, and what the referral rule (where the run has one) says.</summary>
    public static ImagePrediction Of(string path, float[] row, IReadOnlyList<string> classes, int topK, ReferralRule? rule) =>
        new(path, row.Select((p, c) => (Class: classes[c], Probability: p)).OrderByDescending(t => t.Probability).Take(Math.Min(topK, row.Length)).ToArray())
        {
            Referral = rule?.Score(row, classes) is { } score ? new Referral(score, rule.Refers(score)) : null,
        };
}

/// <summary>The summed probability of a run's malignant classes for one image, and whether it reaches the referral threshold.</summary>
public sealed record Referral(double MalignantScore, bool Refer);

/// <summary>
/// Classifies image files with a run's best model, applying the run's own preprocessing and input transform: the model
/// is loaded once, images are decoded in parallel and classified a batch at a time, and no more than a batch of decoded
/// images is held.
/// </summary>
public sealed class Predictor(RunFolder run, InferenceOptions? options = null) : IDisposable
{
    readonly RunModel _model = RunModel.Open(run, options);

    public IReadOnlyList<string> Classes => _model.Config.Classes;

    /// <summary>Set when the applied chain differs from the one the run was trained with.</summary>
    public string? PreprocessWarning => _model.PreprocessWarning;

    /// <summary>What the model computes in and why.</summary>
    public string PrecisionReason => _model.PrecisionReason;

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    public ImagePrediction Predict(string path, int topK = 3) => PredictAll([path], topK)[0];

    /// <summary>The top-k classes of each image, in the order given; an unreadable image gets its error instead.</summary>
    public IReadOnlyList<ImagePrediction> PredictAll(IReadOnlyList<string> paths, int topK = 3)
    {
        var results = new ImagePrediction[paths.Count];
        foreach (var batch in _model.ReadFiles(paths, BatchSize))
        {
            foreach (var (index, error) in batch.Failures) results[index] = new ImagePrediction(paths[index], [], error);
            if (batch.Indices.Length == 0) continue;
            float[][] rows;
            using (NewDisposeScope())
                rows = _model.ProbabilityRows(_model.Input(batch.Images), BatchSize);
            for (int j = 0; j < batch.Indices.Length; j++)
                results[batch.Indices[j]] = ImagePrediction.Of(paths[batch.Indices[j]], rows[j], Classes, topK, _model.Config.Referral);
        }
        return results;
    }

    public void Dispose() => _model.Dispose();
}
