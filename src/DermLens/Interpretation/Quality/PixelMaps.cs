using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// Turns any method's maps into one importance value per pixel (N, H, W), and gives the two reference maps every
/// method is scored beside: a seeded random map and a centred Gaussian.
/// </summary>
public static class PixelMaps
{
    /// <summary>
    /// CAM maps (N, H, W) as they are; gradient maps (N, 3, H, W) as the largest absolute value over the colour
    /// channels (Simonyan et al. 2014), since a gradient's sign says which way a pixel should change, not whether it matters.
    /// </summary>
    public static Tensor Importance(Tensor maps) => maps.dim() switch
    {
        3 => maps,
        4 => maps.abs().amax([1]),
        _ => throw new DermLensException($"A saliency map must be (N, H, W) or (N, C, H, W); got [{string.Join(", ", maps.shape)}]."),
    };

    /// <summary>Throws a one-line error unless there is one (H, W) map and one target class per image; what names the measure.</summary>
    public static void CheckShapes(string what, Tensor images, Tensor maps, IReadOnlyList<int> classes)
    {
        var count = images.shape[0];
        if (maps.dim() != 3 || maps.shape[0] != count || maps.shape[1] != images.shape[2] || maps.shape[2] != images.shape[3])
            throw new DermLensException($"{what} needs one (H, W) map per image: images [{string.Join(", ", images.shape)}], maps [{string.Join(", ", maps.shape)}].");
        if (classes.Count != count) throw new DermLensException($"{classes.Count} target classes were given for {count} images.");
    }

    /// <summary>Each pixel's place in its map's importance order, 0 the most important, (N, H, W); ties in row-major order.</summary>
    public static Tensor Ranks(Tensor maps) =>
        maps.reshape(maps.shape[0], -1).sort(1, descending: true, stable: true).Indices.argsort(1).reshape(maps.shape);

    /// <summary>Uniform noise in [0, 1) per pixel, one stream per image from (seed, first + i): the same images get the same maps however they are batched.</summary>
    public static Tensor Random(int count, int height, int width, int seed, int first = 0)
    {
        var values = new float[count * height * width];
        for (var i = 0; i < count; i++)
        {
            var rng = new Random(Seeds.Derive(seed, first + i));
            for (var p = 0; p < height * width; p++) values[i * height * width + p] = rng.NextSingle();
        }
        return tensor(values, [count, height, width]);
    }

    /// <summary>
    /// exp(-d^2 / 2 sigma^2) around the image centre with sigma a quarter of the shorter side: the centre bias that a
    /// method must beat to show it finds the lesion rather than the middle of a centred photo.
    /// </summary>
    public static Tensor CentredGaussian(int count, int height, int width)
    {
        var sigma = Math.Min(height, width) / 4.0;
        var values = new float[height * width];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double dy = y - (height - 1) / 2.0, dx = x - (width - 1) / 2.0;
                values[y * width + x] = (float)Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
            }
        using var one = tensor(values, [1, height, width]);
        return one.expand(count, height, width).contiguous();
    }
}
