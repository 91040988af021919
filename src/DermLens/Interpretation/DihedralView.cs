using static TorchSharp.torch;

namespace DermLens.Interpretation;

/// <summary>
/// One of the eight flips and quarter turns of an image (the dihedral group of the square), applied to images or maps
/// by their last two dimensions, and undone on a map computed from the turned image.
/// </summary>
internal readonly record struct DihedralView(int QuarterTurns, bool Mirrored)
{
    /// <summary>All eight: each quarter turn, with and without a left-right mirror first.</summary>
    public static readonly IReadOnlyList<DihedralView> All =
        [.. from mirrored in new[] { false, true } from turns in Enumerable.Range(0, 4) select new DihedralView(turns, mirrored)];

    /// <summary>The view of images or maps (..., H, W); a quarter turn swaps H and W.</summary>
    public Tensor Apply(Tensor input)
    {
        var mirrored = Mirrored ? input.flip(-1) : input;
        return QuarterTurns == 0 ? mirrored : mirrored.rot90(QuarterTurns, (mirrored.dim() - 2, mirrored.dim() - 1));
    }

    /// <summary>A map (..., h, w) of the viewed input, put back onto the original's pixels.</summary>
    public Tensor Undo(Tensor map)
    {
        var turned = QuarterTurns == 0 ? map : map.rot90(-QuarterTurns, (map.dim() - 2, map.dim() - 1));
        return Mirrored ? turned.flip(-1) : turned;
    }
}
