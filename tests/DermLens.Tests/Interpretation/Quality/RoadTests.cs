using DermLens.Interpretation.Quality;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation.Quality;

public class RoadTests
{
    const int Side = 8;
    const int Used = 2 * Side + 2; // the only pixel the toy model looks at: row 2, column 2

    /// <summary>Logit 0 = 3 * (sum of the channels at the used pixel), logit 1 = 0: the model reads that one pixel and nothing else.</summary>
    static Sequential OnePixelModel()
    {
        var weight = zeros(1, 3, Side, Side);
        weight[0, .., Used / Side, Used % Side] = full(3, 3f);
        var linear = nn.Linear(3 * Side * Side, 2);
        using (no_grad())
        {
            linear.weight!.copy_(cat([weight.reshape(1, -1), zeros(1, 3 * Side * Side)], 0));
            linear.bias!.zero_();
        }
        return nn.Sequential(("flat", nn.Flatten()), ("fc", linear));
    }

    /// <summary>A dark image with a bright spot at the used pixel: the evidence for class 0 lies there only.</summary>
    static Tensor SpotImages(int count)
    {
        var images = zeros(count, 3, Side, Side);
        images[.., .., Used / Side, Used % Side] = full(count, 3, 1f);
        return images;
    }

    /// <summary>Importance falling with the distance from (row, column): the pixel at (row, column) first, the farthest last.</summary>
    static Tensor PeakAt(int count, int row, int column)
    {
        var values = new float[Side * Side];
        for (var p = 0; p < values.Length; p++) values[p] = -MathF.Sqrt((p / Side - row) * (p / Side - row) + (p % Side - column) * (p % Side - column));
        return tensor(values, [1, Side, Side]).expand(count, Side, Side).contiguous();
    }

    [Fact]
    public void A_map_on_the_pixel_the_model_uses_lowers_morf_and_keeps_lerf_high_unlike_a_map_pointing_elsewhere()
    {
        using var scope = NewDisposeScope();
        var road = new Road(OnePixelModel(), "ce", batchSize: 2, seed: 1);
        var images = SpotImages(3);
        var classes = new[] { 0, 0, 0 };

        var onSpot = road.Measure(images, PeakAt(3, Used / Side, Used % Side), classes);
        // Importance rising with the distance from the spot: the spot is the least relevant pixel.
        var elsewhere = road.Measure(images, PeakAt(3, Used / Side, Used % Side).neg(), classes);

        for (var i = 0; i < 3; i++)
        {
            // Removed and filled from its dark neighbours, the spot is gone: the probability falls to about one half at every percentile.
            Assert.InRange(onSpot.MostRelevantFirst[i], 0.45, 0.55);
            Assert.True(elsewhere.MostRelevantFirst[i] > 0.99, $"image {i}: MoRF pointing elsewhere {elsewhere.MostRelevantFirst[i]}");
            Assert.True(onSpot.LeastRelevantFirst[i] > 0.99, $"image {i}: LeRF on the spot {onSpot.LeastRelevantFirst[i]}");
            Assert.True(onSpot.Combined[i] > elsewhere.Combined[i] + 0.4, $"image {i}: combined {onSpot.Combined[i]} vs {elsewhere.Combined[i]}");
        }
        Assert.Equal(2 * 2 * 3 * Road.DefaultPercentiles.Count, road.Imputations.Count);
    }

    [Fact]
    public void Removing_no_pixels_scores_the_untouched_image()
    {
        using var scope = NewDisposeScope();
        var model = OnePixelModel();
        var images = SpotImages(2).add(randn(2, 3, Side, Side, generator: new Generator(2)));
        var expected = model.call(images).softmax(1)[.., 0].data<float>().ToArray();

        var scores = new Road(model, "ce", percentiles: [0]).Measure(images, PixelMaps.Random(2, Side, Side, seed: 0), [0, 0]);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i], scores.MostRelevantFirst[i], 5);
            Assert.Equal(expected[i], scores.LeastRelevantFirst[i], 5);
        }
    }

    [Fact]
    public void The_same_images_draw_the_same_noise_however_they_are_batched()
    {
        using var scope = NewDisposeScope();
        var model = OnePixelModel();
        var images = SpotImages(3).add(randn(3, 3, Side, Side, generator: new Generator(6)));
        var maps = PixelMaps.Random(3, Side, Side, seed: 1);

        var together = new Road(model, "ce", batchSize: 3, seed: 4).Measure(images, maps, [0, 0, 0]);
        var split = new Road(model, "ce", batchSize: 2, seed: 4).Measure(images, maps, [0, 0, 0]);

        Assert.Equal(together.MostRelevantFirst, split.MostRelevantFirst, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(together.LeastRelevantFirst, split.LeastRelevantFirst, (a, b) => Math.Abs(a - b) < 1e-6);
    }
}
