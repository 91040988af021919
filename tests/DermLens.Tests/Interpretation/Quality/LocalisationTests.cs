using DermLens.Interpretation.Quality;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation.Quality;

public class LocalisationTests
{
    // 10x10, lesion = rows 2..4, columns 2..4.
    static Tensor Mask(int side = 10, int scale = 1)
    {
        var mask = zeros(1, side * scale, side * scale);
        mask[0, TensorIndex.Slice(2 * scale, 5 * scale), TensorIndex.Slice(2 * scale, 5 * scale)] = ones(3 * scale, 3 * scale);
        return mask;
    }

    static Tensor Map(params (int Y, int X, float Value)[] points)
    {
        var map = zeros(1, 10, 10);
        foreach (var (y, x, v) in points) map[0, y, x] = tensor(v);
        return map;
    }

    [Fact]
    public void A_peak_inside_the_mask_scores_a_hit_and_all_its_energy()
    {
        using var scope = NewDisposeScope();
        var map = Map((3, 3, 1f));

        Assert.Equal([1f], Localisation.PointingGame(map, Mask(), tolerance: 0));
        Assert.Equal(1f, Localisation.EnergyInMask(map, Mask())[0], 5);
    }

    [Fact]
    public void Energy_is_the_positive_mass_inside_over_all_positive_mass()
    {
        using var scope = NewDisposeScope();
        // Inside: 1 + 2; outside: 1, and a negative value that the clamp at 0 drops.
        var map = Map((2, 2, 1f), (4, 4, 2f), (8, 8, 1f), (0, 9, -5f));

        Assert.Equal(0.75f, Localisation.EnergyInMask(map, Mask())[0], 5);
        Assert.Equal(0f, Localisation.EnergyInMask(zeros(1, 10, 10), Mask())[0]);
        Assert.Equal(0f, Localisation.EnergyInMask(Map((3, 3, -1f)), Mask())[0]);
    }

    [Fact]
    public void The_pointing_game_counts_peaks_within_the_tolerance_of_the_mask()
    {
        using var scope = NewDisposeScope();
        // Row 6 lies 2 px below the lesion's last row; (7, 7) lies 3 px right and below its corner, 2.83 px away.
        var below = Map((6, 3, 1f), (3, 3, 0.5f));
        var diagonal = Map((6, 6, 1f));

        Assert.Equal([0f], Localisation.PointingGame(below, Mask(), tolerance: 1));
        Assert.Equal([1f], Localisation.PointingGame(below, Mask(), tolerance: 2));
        Assert.Equal([0f], Localisation.PointingGame(diagonal, Mask(), tolerance: 2));
        Assert.Equal([1f], Localisation.PointingGame(diagonal, Mask(), tolerance: 3));
        Assert.Equal(15, Localisation.Tolerance(224));
        Assert.Equal(2, Localisation.Tolerance(32));
        Assert.Equal(1, Localisation.Tolerance(10));
    }

    [Fact]
    public void Masks_are_resized_to_the_map_and_scored_per_image()
    {
        using var scope = NewDisposeScope();
        var maps = cat([Map((3, 3, 1f)), Map((8, 8, 1f))], 0);
        var masks = cat([Mask(scale: 2), Mask(scale: 2)], 0).mul(255.ToScalar());

        Assert.Equal([1f, 0f], Localisation.PointingGame(maps, masks, tolerance: 0));
        Assert.Equal([1f, 0f], Localisation.EnergyInMask(maps, masks));
        Assert.Throws<DermLensException>(() => Localisation.EnergyInMask(maps, Mask()));
        Assert.Throws<DermLensException>(() => Localisation.PointingGame(zeros(2, 3, 10, 10), masks));
    }

    [Fact]
    public void Gradient_maps_become_the_largest_absolute_channel_value()
    {
        using var scope = NewDisposeScope();
        // Channel 0: 1, -2, 0.5, 3; channel 1: -4, 0, 0, 1.
        var gradients = tensor(new float[] { 1, -2, 0.5f, 3, -4, 0, 0, 1 }, [1, 2, 2, 2]);

        var importance = PixelMaps.Importance(gradients);

        Assert.Equal([1L, 2, 2], importance.shape);
        Assert.Equal(new float[] { 4, 2, 0.5f, 3 }, importance.data<float>().ToArray());
    }

    [Fact]
    public void Baseline_maps_are_seeded_per_image_and_the_gaussian_peaks_at_the_centre()
    {
        using var scope = NewDisposeScope();
        var whole = PixelMaps.Random(3, 8, 8, seed: 4);
        var last = PixelMaps.Random(1, 8, 8, seed: 4, first: 2);

        Assert.Equal(whole[2].data<float>().ToArray(), last[0].data<float>().ToArray());
        Assert.NotEqual(whole[0].data<float>().ToArray(), whole[1].data<float>().ToArray());
        Assert.NotEqual(whole.data<float>().ToArray(), PixelMaps.Random(3, 8, 8, seed: 5).data<float>().ToArray());

        var gaussian = PixelMaps.CentredGaussian(2, 9, 9);
        Assert.Equal(40L, gaussian[1].reshape(-1).argmax().item<long>());
        Assert.Equal(1f, gaussian[0, 4, 4].item<float>(), 6);
        // sigma = 9 / 4 px: one sigma from the centre the map is exp(-1/2).
        Assert.Equal(Math.Exp(-0.5 * (4 / 2.25) * (4 / 2.25)), gaussian[0, 4, 0].item<float>(), 5);
    }
}
