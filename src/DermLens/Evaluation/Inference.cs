using DermLens.Data;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>Runs a classifier over batches in evaluation mode and returns class scores (softmax, or sigmoid for BCE models).</summary>
public static class Inference
{
    public static Predictions Predict(nn.Module<Tensor, Tensor> model, BatchLoader loader, Device device, string lossKind,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        model.to(device).eval();
        using var noGrad = no_grad();
        var samples = new List<Sample>();
        var probabilities = new List<float[]>();
        int done = 0, total = loader.BatchesPerEpoch();
        foreach (var batch in loader.Epoch(0, ct))
        {
            using var scope = NewDisposeScope();
            var probs = ClassificationLoss.Activation(lossKind, model.forward(batch.ImagesTensor(device))).cpu();
            var flat = probs.data<float>().ToArray();
            int classes = (int)probs.shape[1];
            for (int i = 0; i < batch.Count; i++) probabilities.Add(flat.AsSpan(i * classes, classes).ToArray());
            samples.AddRange(batch.Samples);
            progress?.Report((++done, total));
        }
        return new Predictions(samples, samples.Select(s => s.Label).ToArray(), probabilities.ToArray());
    }
}
