using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Interpretation;

/// <summary>
/// Eigen smoothing (pytorch-grad-cam's get_2d_projection): per image, the weighted activations (K channels at h x w
/// locations) projected onto their first principal component across locations, a map (h, w) of the dominant pattern.
/// </summary>
internal static class FirstPrincipalComponent
{
    static readonly Scalar MinusOne = (-1).ToScalar();
    static readonly Scalar One = 1.ToScalar();
    static readonly Scalar Zero = 0.ToScalar();

    /// <summary>The projection (N, h, w) of weighted activations (N, K, h, w).</summary>
    public static Tensor Project(Tensor weighted)
    {
        var (count, height, width) = (weighted.shape[0], weighted.shape[2], weighted.shape[3]);
        var locations = weighted.flatten(2).transpose(1, 2);
        // Centred, or the first component points at the mean instead of along the largest variation.
        var centred = locations.add(locations.mean([1], keepdim: true), MinusOne);
        var (_, _, directions) = linalg.svd(centred, fullMatrices: false);
        var projection = centred.matmul(directions.select(1, 0).unsqueeze(-1)).squeeze(-1);
        // A component's sign is arbitrary; turned to agree with the channel sum, the plain CAM, high stays where the
        // weighted evidence is.
        var agreement = projection.mul(weighted.sum(1).flatten(1)).sum(1, keepdim: true);
        var sign = where(agreement.lt(Zero), full_like(agreement, MinusOne), full_like(agreement, One));
        return projection.mul(sign).view(count, height, width);
    }
}
