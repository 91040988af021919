using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DermLens.Models;

/// <summary>
/// BatchNorm2d with torchvision's parameter and buffer names whose step counter is bumped with a
/// Scalar that is always reachable. TorchSharp's own forward does num_batches_tracked.add_(1); the
/// temporary Scalar for 1 can be finalised by the GC while libtorch reads it, which crashed training here.
/// </summary>
public sealed class BatchNorm2d : TorchSharp.Modules.BatchNorm
{
    static readonly Scalar One = 1.ToScalar();

    public BatchNorm2d(long features) : base(features, 1e-5, 0.1, affine: true, track_running_stats: true, null, null, nameof(BatchNorm2d)) { }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        // add_(One) alone would call add_(One, 1): TorchSharp's one-argument overloads make the same temporary alpha.
        if (training) num_batches_tracked?.add_(One, One);
        return F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum ?? 0.1, eps);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.dim() != 4) throw new ArgumentException($"BatchNorm2d expects 4-D input (N, C, H, W), got {input.dim()}-D.");
    }
}
