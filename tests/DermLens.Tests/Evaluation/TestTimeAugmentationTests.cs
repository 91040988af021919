using DermLens.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Evaluation;

public class TestTimeAugmentationTests
{
    /// <summary>A position-sensitive "model": the scores are pixel values at two fixed places, so each view scores differently.</summary>
    static Tensor Corners(Tensor images) => stack([images[.., 0, 0, 0], images[.., 0, 0, -1]], 1);

    static Tensor Images(int height, int width) => arange(2 * 3 * height * width, dtype: float32).reshape(2, 3, height, width);

    [Fact]
    public void None_scores_the_image_as_it_is()
    {
        using var images = Images(4, 6);
        using var plain = Corners(images);
        using var averaged = TestTimeAugmentation.Parse("none").Average(images, Corners);
        Assert.True(plain.allclose(averaged));
    }

    [Fact]
    public void Flips_average_the_four_flipped_views()
    {
        using var images = Images(4, 6);
        using var expected = (Corners(images) + Corners(images.flip(2)) + Corners(images.flip(3)) + Corners(images.flip(2, 3))) / 4;
        var tta = TestTimeAugmentation.Parse("flips");
        using var averaged = tta.Average(images, Corners);
        Assert.Equal(4, tta.ViewCount);
        Assert.True(expected.allclose(averaged), averaged.str());
        using var plain = Corners(images);
        Assert.False(plain.allclose(averaged), "the views were not applied");
    }

    [Fact]
    public void Equals_the_plain_prediction_when_the_model_ignores_orientation()
    {
        // Global average pooling is invariant under every symmetry of the square.
        using var images = Images(5, 5);
        Func<Tensor, Tensor> pooled = x => x.mean([2, 3]);
        using var plain = pooled(images);
        foreach (var name in new[] { "flips", "dihedral" })
        {
            using var averaged = TestTimeAugmentation.Parse(name).Average(images, pooled);
            Assert.True(plain.allclose(averaged, rtol: 1e-6, atol: 1e-4), name);
        }
    }

    [Fact]
    public void Dihedral_covers_the_transposed_views_and_needs_a_square_input()
    {
        var dihedral = TestTimeAugmentation.Parse("dihedral");
        Assert.Equal(8, dihedral.ViewCount);
        using var images = Images(3, 3);
        Func<Tensor, Tensor> topRow = x => x[.., 0, 0, ..];
        using var averaged = dihedral.Average(images, topRow);
        // Each of the 8 views starts its top row at one of the 4 corners, each corner twice, so the first value averages the corners... and the middle averages the 4 edge midpoints.
        using var channel = images[.., 0];
        using var corners = (channel[.., 0, 0] + channel[.., 0, 2] + channel[.., 2, 0] + channel[.., 2, 2]) / 4;
        Assert.True(averaged[.., 0].allclose(corners));
        dihedral.CheckFits(4, 4);
        var error = Assert.Throws<DermLensException>(() => dihedral.CheckFits(150, 200));
        Assert.Contains("150x200", error.Message);
        TestTimeAugmentation.Parse("flips").CheckFits(150, 200);
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_known_ones()
    {
        var error = Assert.Throws<DermLensException>(() => TestTimeAugmentation.Parse("rotate"));
        Assert.Contains("flips", error.Message);
    }
}
