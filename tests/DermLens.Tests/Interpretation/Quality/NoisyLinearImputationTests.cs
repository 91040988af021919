using DermLens.Interpretation.Quality;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation.Quality;

public class NoisyLinearImputationTests
{
    static Tensor RandomMask(int count, int height, int width, double share, int seed)
    {
        var rng = new Random(seed);
        return tensor(Enumerable.Range(0, count * height * width).Select(_ => rng.NextDouble() < share ? 1f : 0f).ToArray(), [count, height, width]);
    }

    [Fact]
    public void A_flat_image_stays_flat_whatever_is_removed()
    {
        using var scope = NewDisposeScope();
        // Each channel its own constant; the mask removes 70 % of the pixels, borders and corners included.
        var colour = tensor(new[] { 0.25f, -1.5f, 2f }, [1, 3, 1, 1]);
        var images = colour.expand(2, 3, 10, 12).contiguous();
        var removed = RandomMask(2, 10, 12, 0.7, seed: 1);

        var imputed = NoisyLinearImputation.Impute(images, removed);

        Assert.True(imputed.sub(images).abs().max().item<float>() <= 1e-6f, $"largest change {imputed.sub(images).abs().max().item<float>()}");
    }

    [Fact]
    public void A_linear_ramp_is_filled_with_the_ramp_inside_a_hole_away_from_the_border()
    {
        using var scope = NewDisposeScope();
        // The weighted mean of the eight neighbours of a linear function is its centre value, so the ramp solves the system.
        const int side = 14;
        var values = new float[3 * side * side];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                    values[(c * side + y) * side + x] = 0.3f * x - 0.7f * y + c;
        var image = tensor(values, [1, 3, side, side]);
        var hole = zeros(1, side, side);
        hole[.., 3..11, 2..12] = ones(1, 8, 10);

        var imputed = NoisyLinearImputation.Impute(image, hole, tolerance: 1e-7);

        var error = imputed.sub(image).abs().max().item<float>();
        Assert.True(error < 1e-4f, $"largest error {error}");
        // The unfilled image really had a hole: the solver started from the mean, far from the ramp.
        Assert.True(image.mul(hole.unsqueeze(1)).abs().sum().item<float>() > 1);
    }

    [Fact]
    public void Nothing_removed_changes_nothing_and_noise_falls_only_on_removed_pixels()
    {
        using var scope = NewDisposeScope();
        var images = randn(2, 3, 8, 8, generator: new Generator(3));
        var noise = randn(2, 3, 8, 8, generator: new Generator(4));

        var untouched = NoisyLinearImputation.Impute(images, zeros(2, 8, 8), noise);
        Assert.Equal(0f, untouched.sub(images).abs().max().item<float>());

        var removed = RandomMask(2, 8, 8, 0.5, seed: 5);
        var quiet = NoisyLinearImputation.Impute(images, removed);
        var noisy = NoisyLinearImputation.Impute(images, removed, noise, noiseScale: 0.01);
        var expected = noise.mul(removed.unsqueeze(1)).mul(0.01);
        Assert.True(noisy.sub(quiet).sub(expected).abs().max().item<float>() < 1e-5f);
        Assert.Equal(0f, quiet.mul(removed.unsqueeze(1).neg().add(1)).sub(images.mul(removed.unsqueeze(1).neg().add(1))).abs().max().item<float>());
    }

    [Fact]
    public void Removing_the_whole_image_is_refused_in_one_line()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<DermLensException>(() => NoisyLinearImputation.Impute(zeros(1, 3, 4, 4), ones(1, 4, 4)));
        Assert.Contains("at least one kept pixel", error.Message);
    }
}
