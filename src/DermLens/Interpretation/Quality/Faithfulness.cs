using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Deletion and insertion curves (Petsiuk et al. 2018, RISE): pixels are replaced in order of importance, in equal
/// steps, by a Gaussian-blurred copy of the image (deletion), or revealed from that blurred copy (insertion), while
/// the target class's probability is watched: softmax for cross-entropy models, sigmoid for BCE ones, as they were
/// trained. A faithful map makes the deletion curve fall fast (low AUC) and the insertion curve rise fast (high AUC).
/// </summary>
public sealed class Faithfulness
{
    readonly Module<Tensor, Tensor> model;
    readonly string loss;
    readonly int steps;
    readonly int batchSize;

    /// <summary>Measures model (set to eval mode) whose training loss was loss ("ce" or "bce"), with steps + 1 points per curve.</summary>
    public Faithfulness(Module<Tensor, Tensor> model, string loss, int steps = 20, int batchSize = 16)
    {
        if (!ClassificationLoss.Kinds.Contains(loss))
            throw new DermLensException($"Unknown loss '{loss}' for faithfulness curves. Known: {string.Join(", ", ClassificationLoss.Kinds)}.");
        if (steps < 1) throw new DermLensException($"Faithfulness curves need at least 1 step, got {steps}.");
        if (batchSize < 1) throw new DermLensException($"The faithfulness batch size must be at least 1, got {batchSize}.");
        this.model = model;
        this.loss = loss;
        this.steps = steps;
        this.batchSize = batchSize;
        model.eval();
    }

    /// <summary>
    /// The curves of images (N, 3, H, W, normalised as the model expects) for importance maps (N, H, W) and one
    /// target class per image. Equal importance is removed in row-major order.
    /// </summary>
    public FaithfulnessCurves Measure(Tensor images, Tensor maps, IReadOnlyList<int> classes)
    {
        var count = (int)images.shape[0];
        if (maps.dim() != 3 || maps.shape[0] != count || maps.shape[1] != images.shape[2] || maps.shape[2] != images.shape[3])
            throw new DermLensException($"Faithfulness needs one (H, W) map per image: images [{string.Join(", ", images.shape)}], maps [{string.Join(", ", maps.shape)}].");
        if (classes.Count != count) throw new DermLensException($"{classes.Count} target classes were given for {count} images.");
        var deletion = new float[count][];
        var insertion = new float[count][];
        var device = model.parameters().First().device;
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var batch = images.narrow(0, start, length).to(device);
            var blurred = Blur(batch);
            var pixels = (int)(maps.shape[1] * maps.shape[2]);
            // rank[p] = place of pixel p in the importance order (0 = most important).
            var order = maps.narrow(0, start, length).to(device).reshape(length, -1).sort(1, descending: true, stable: true).Indices;
            var rank = order.argsort(1).reshape(length, 1, maps.shape[1], maps.shape[2]);
            var targets = tensor(classes.Skip(start).Take(length).Select(c => (long)c).ToArray(), device: device).unsqueeze(1);
            var curves = new float[steps + 1][];
            for (var step = 0; step <= steps; step++)
            {
                using var stepScope = NewDisposeScope();
                using var changedCount = ((long)Math.Round((double)step * pixels / steps)).ToScalar();
                var changed = rank.lt(changedCount);
                var both = cat([where(changed, blurred, batch), where(changed, batch, blurred)], 0);
                var probabilities = ClassificationLoss.Activation(loss, model.call(both));
                curves[step] = probabilities.gather(1, cat([targets, targets], 0)).squeeze(1).cpu().data<float>().ToArray();
            }
            for (var i = 0; i < length; i++)
            {
                deletion[start + i] = curves.Select(c => c[i]).ToArray();
                insertion[start + i] = curves.Select(c => c[length + i]).ToArray();
            }
        }
        return new FaithfulnessCurves(deletion, insertion);
    }

    /// <summary>
    /// Gaussian blur per channel with RISE's sigma of 5 px at 224 px, scaled with the image (at least 1 px), the
    /// kernel reaching 3 sigma, edges replicated: what a pixel shows once its detail is removed.
    /// </summary>
    public static Tensor Blur(Tensor images)
    {
        var side = Math.Min(images.shape[2], images.shape[3]);
        var sigma = Math.Max(1.0, 5.0 * side / 224);
        var radius = (int)Math.Min(Math.Ceiling(3 * sigma), side - 1);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-x * x / (2 * sigma * sigma))).ToArray();
        var total = weights.Sum();
        var channels = images.shape[1];
        using var line = tensor(weights.Select(w => (float)(w / total)).ToArray(), device: images.device);
        using var across = line.view(1, 1, 1, -1).expand(channels, 1, 1, -1).contiguous();
        using var down = line.view(1, 1, -1, 1).expand(channels, 1, -1, 1).contiguous();
        using var padded = functional.pad(images, [radius, radius, radius, radius], PaddingModes.Replicate);
        using var rows = functional.conv2d(padded, across, groups: channels);
        return functional.conv2d(rows, down, groups: channels);
    }
}
