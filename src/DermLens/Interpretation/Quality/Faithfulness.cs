using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Deletion and insertion curves (Petsiuk et al. 2018, RISE): pixels are replaced in order of importance, in equal
/// steps, by the image's mean colour (deletion), or revealed from a plain image of that colour (insertion), while
/// the target class's probability is watched: softmax for cross-entropy models, sigmoid for BCE ones, as they were
/// trained. A faithful map makes the deletion curve fall fast (low AUC) and the insertion curve rise fast (high AUC).
/// RISE's blurred image was tried first: a lesion blurred with its 5-px-at-224 sigma keeps its colour, which is
/// much of the evidence here, so on synthetic lesions every map, random included, gave the same AUCs.
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
        ClassificationLoss.CheckKind(loss);
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
        PixelMaps.CheckShapes("Faithfulness", images, maps, classes);
        var count = (int)images.shape[0];
        var deletion = new float[count][];
        var insertion = new float[count][];
        var device = model.parameters().First().device;
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var batch = images.narrow(0, start, length).to(device);
            var removed = Removed(batch);
            var pixels = (int)(maps.shape[1] * maps.shape[2]);
            var rank = PixelMaps.Ranks(maps.narrow(0, start, length).to(device)).unsqueeze(1);
            var targets = tensor(classes.Skip(start).Take(length).Select(c => (long)c).ToArray(), device: device).unsqueeze(1);
            var curves = new float[steps + 1][];
            for (var step = 0; step <= steps; step++)
            {
                using var stepScope = NewDisposeScope();
                using var changedCount = ((long)Math.Round((double)step * pixels / steps)).ToScalar();
                var changed = rank.lt(changedCount);
                var both = cat([where(changed, removed, batch), where(changed, batch, removed)], 0);
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

    /// <summary>What a removed pixel shows: the image's mean value per channel (N, C, H, W), so removing every pixel leaves a plain image of its average colour.</summary>
    public static Tensor Removed(Tensor images) => images.mean([2, 3], keepdim: true).expand_as(images);
}
