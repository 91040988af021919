using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// Score-CAM (Wang et al. 2020), gradient-free: each activation channel, upsampled to the input and scaled to 0..1,
/// masks the image, and the channel's weight is the target's score of that masked image, softmaxed over the channels
/// (as pytorch-grad-cam). The score is the target's logit combination, as for every DermLens method, so it means the
/// same for softmax and BCE models; the softmax over channels ignores a constant shift, so the paper's subtraction of a
/// baseline score changes nothing. Costs one forward pass per image and channel (512 for ResNet-18's layer4), run
/// maskBatchSize masked images at a time.
/// </summary>
public sealed class ScoreCam : Cam
{
    readonly int maskBatchSize;

    /// <summary>Explains through targetLayer; maskBatchSize masked images go through the model per forward pass.</summary>
    public ScoreCam(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None, int maskBatchSize = 32)
        : base(model, targetLayer, smoothing)
    {
        if (maskBatchSize < 1)
            throw new DermLensException($"Score-CAM's mask batch size must be at least 1, got {maskBatchSize}.");
        this.maskBatchSize = maskBatchSize;
    }

    public override string Name => "scorecam";

    protected override bool UsesGradients => false;

    protected override Tensor Weights(CamLayerInput input)
    {
        var (count, channels) = ((int)input.Activations.shape[0], (int)input.Activations.shape[1]);
        var size = new[] { input.Images.shape[2], input.Images.shape[3] };
        using var noGrad = no_grad();
        var scores = new List<Tensor>();
        for (var image = 0; image < count; image++)
        {
            var coefficients = input.TargetCoefficients[image];
            for (var start = 0; start < channels; start += maskBatchSize)
            {
                using var scope = NewDisposeScope();
                var masks = ScaleEach(Upsample(input.Activations[image].narrow(0, start, Math.Min(maskBatchSize, channels - start)), size));
                var masked = input.Images[image].unsqueeze(0).mul(masks.unsqueeze(1).to(input.Images.dtype));
                var logits = Model.call(masked).to(ScalarType.Float32);
                scores.Add(logits.mul(coefficients).sum(1).MoveToOuterDisposeScope());
            }
        }
        return functional.softmax(cat(scores).view(count, channels), 1).view(count, channels, 1, 1);
    }
}
