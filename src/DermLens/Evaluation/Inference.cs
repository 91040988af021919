using DermLens.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>Runs a classifier over batches and returns its class scores for every sample the loader could read.</summary>
public static class Inference
{
    /// <summary>probabilities maps a batch of normalised images on device to (N, classes) scores, e.g. a loaded run's.</summary>
    public static Predictions Predict(Func<Tensor, Tensor> probabilities, BatchLoader loader, Device device,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        using var noGrad = no_grad();
        var samples = new List<Sample>();
        var rows = new List<float[]>();
        int done = 0, total = loader.BatchesPerEpoch();
        foreach (var batch in loader.Epoch(0, ct))
        {
            using var scope = NewDisposeScope();
            var probs = probabilities(batch.ImagesTensor(device)).cpu();
            var flat = probs.data<float>().ToArray();
            int classes = (int)probs.shape[1];
            for (int i = 0; i < batch.Count; i++) rows.Add(flat.AsSpan(i * classes, classes).ToArray());
            samples.AddRange(batch.Samples);
            progress?.Report((++done, total));
        }
        return new Predictions(samples, samples.Select(s => s.Label).ToArray(), rows.ToArray());
    }
}
