using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// How well importance maps (N, H, W) fall on lesion masks (N, h, w; non-zero = lesion, resized to the map's size
/// by nearest neighbour): the pointing game and the share of map energy inside the mask, one value per image.
/// </summary>
public static class Localisation
{
    static readonly Scalar Zero = 0.ToScalar();
    static readonly Scalar Half = 0.5.ToScalar();

    /// <summary>
    /// The pointing game's tolerance in pixels for a map of the given side: 15 px at 224 px (Zhang et al. 2016,
    /// "Top-down neural attention by excitation backprop"), scaled with the side and rounded.
    /// </summary>
    public static int Tolerance(int side) => (int)Math.Round(15.0 * side / 224);

    /// <summary>
    /// 1 where the map's maximum lies inside the mask or within tolerance pixels of it (Euclidean distance; default
    /// <see cref="Tolerance"/> of the map's shorter side), else 0. Ties go to the first maximum in row-major order.
    /// </summary>
    public static float[] PointingGame(Tensor maps, Tensor masks, int? tolerance = null)
    {
        using var scope = NewDisposeScope();
        var (count, height, width) = Shape(maps);
        var radius = tolerance ?? Tolerance((int)Math.Min(height, width));
        if (radius < 0) throw new DermLensException($"The pointing-game tolerance must be at least 0 px, got {radius}.");
        var lesion = Resized(masks, maps);
        var near = radius == 0 ? lesion : Dilate(lesion, radius);
        var peaks = maps.reshape(count, -1).argmax(1, keepdim: true);
        return near.reshape(count, -1).gather(1, peaks).squeeze(1).cpu().data<float>().ToArray();
    }

    /// <summary>
    /// Of each map's positive mass (map clamped at 0), the share lying inside the mask; 0 for a map with no positive
    /// value, which points nowhere.
    /// </summary>
    public static float[] EnergyInMask(Tensor maps, Tensor masks)
    {
        using var scope = NewDisposeScope();
        var (count, _, _) = Shape(maps);
        var energy = maps.clamp_min(Zero).reshape(count, -1);
        var inside = energy.mul(Resized(masks, maps).reshape(count, -1)).sum(1);
        var total = energy.sum(1);
        var share = inside.div(total).where(total.gt(Zero), zeros_like(total));
        return share.cpu().data<float>().ToArray();
    }

    static (long Count, long Height, long Width) Shape(Tensor maps) =>
        maps.dim() == 3 ? (maps.shape[0], maps.shape[1], maps.shape[2])
            : throw new DermLensException($"Localisation scores need maps shaped (N, H, W); got [{string.Join(", ", maps.shape)}].");

    /// <summary>The masks as 0/1 floats (N, H, W) at the maps' size, on the maps' device.</summary>
    static Tensor Resized(Tensor masks, Tensor maps)
    {
        if (masks.dim() != 3 || masks.shape[0] != maps.shape[0])
            throw new DermLensException($"Expected {maps.shape[0]} masks shaped (N, h, w); got [{string.Join(", ", masks.shape)}].");
        var binary = masks.to(maps.device).ne(Zero).to(ScalarType.Float32).unsqueeze(1);
        if (masks.shape[1] != maps.shape[1] || masks.shape[2] != maps.shape[2])
            binary = functional.interpolate(binary, [maps.shape[1], maps.shape[2]], mode: InterpolationMode.Nearest);
        return binary.squeeze(1);
    }

    /// <summary>Grows 0/1 masks (N, H, W) by a disc of the given radius: a convolution with the disc, then any overlap counts.</summary>
    static Tensor Dilate(Tensor lesion, int radius)
    {
        var side = 2 * radius + 1;
        var disc = new float[side * side];
        for (var y = -radius; y <= radius; y++)
            for (var x = -radius; x <= radius; x++)
                disc[(y + radius) * side + x + radius] = x * x + y * y <= radius * radius ? 1f : 0f;
        var kernel = tensor(disc, [1, 1, side, side], device: lesion.device);
        var overlap = functional.conv2d(lesion.unsqueeze(1), kernel, padding: [radius, radius]);
        return overlap.gt(Half).to(ScalarType.Float32).squeeze(1);
    }
}
