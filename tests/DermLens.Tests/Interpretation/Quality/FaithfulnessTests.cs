using DermLens.Interpretation.Quality;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation.Quality;

public class FaithfulnessTests
{
    const int Side = 8;

    /// <summary>Logit 0 = sum of weight * pixel, logit 1 = 0: a linear model whose per-pixel contributions are known.</summary>
    static (Sequential Model, Tensor Weight) LinearModel(int seed)
    {
        var rng = new Random(seed);
        var weight = tensor(Enumerable.Range(0, 3 * Side * Side).Select(_ => rng.NextSingle() * 0.3f).ToArray(), [1, 3 * Side * Side]);
        var linear = nn.Linear(3 * Side * Side, 2);
        using (no_grad())
        {
            linear.weight!.copy_(cat([weight, zeros_like(weight)], 0));
            linear.bias!.zero_();
        }
        return (nn.Sequential(("flat", nn.Flatten()), ("fc", linear)), weight.view(1, 3, Side, Side));
    }

    static Tensor Images(int count, int seed)
    {
        var rng = new Random(seed);
        return tensor(Enumerable.Range(0, count * 3 * Side * Side).Select(_ => rng.NextSingle() * 4 - 2).ToArray(), [count, 3, Side, Side]);
    }

    [Fact]
    public void The_true_contribution_order_deletes_faster_and_inserts_faster_than_its_reverse()
    {
        using var scope = NewDisposeScope();
        var (model, weight) = LinearModel(1);
        var images = Images(3, 2);
        // Replacing pixel p by the mean colour changes logit 0 by exactly sum_c w (x - mean): the best order.
        var contribution = weight.mul(images.sub(Faithfulness.Removed(images))).sum(1);
        var classes = new[] { 0, 0, 0 };
        var faithfulness = new Faithfulness(model, "ce", steps: 10, batchSize: 2);

        var best = faithfulness.Measure(images, contribution, classes);
        var reversed = faithfulness.Measure(images, contribution.neg(), classes);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(best.DeletionAuc[i] < reversed.DeletionAuc[i] - 0.05, $"image {i}: deletion {best.DeletionAuc[i]} vs {reversed.DeletionAuc[i]}");
            Assert.True(best.InsertionAuc[i] > reversed.InsertionAuc[i] + 0.05, $"image {i}: insertion {best.InsertionAuc[i]} vs {reversed.InsertionAuc[i]}");
            Assert.Equal(11, best.Deletion[i].Length);
        }
    }

    [Fact]
    public void Curves_run_from_the_image_to_its_mean_colour_under_the_trained_activation()
    {
        using var scope = NewDisposeScope();
        var (model, _) = LinearModel(3);
        var images = Images(2, 4);
        var logits = model.call(images);
        var removedLogits = model.call(Faithfulness.Removed(images));
        var maps = PixelMaps.Random(2, Side, Side, seed: 0);

        var softmax = new Faithfulness(model, "ce", steps: 4).Measure(images, maps, [0, 1]);
        var sigmoid = new Faithfulness(model, "bce", steps: 4).Measure(images, maps, [0, 1]);

        var p = logits.softmax(1);
        var pRemoved = removedLogits.softmax(1);
        Assert.Equal(p[0, 0].item<float>(), softmax.Deletion[0][0], 5);
        Assert.Equal(pRemoved[0, 0].item<float>(), softmax.Deletion[0][4], 5);
        Assert.Equal(pRemoved[1, 1].item<float>(), softmax.Insertion[1][0], 5);
        Assert.Equal(p[1, 1].item<float>(), softmax.Insertion[1][4], 5);
        Assert.Equal(logits[0, 0].sigmoid().item<float>(), sigmoid.Deletion[0][0], 5);
        // Class 1's logit is 0 whatever the pixels: its sigmoid stays one half.
        Assert.All(sigmoid.Deletion[1], v => Assert.Equal(0.5f, v, 6));
    }

    [Fact]
    public void Auc_is_the_trapezoid_over_the_fraction_changed()
    {
        Assert.Equal(1.0, FaithfulnessCurves.Auc([1f, 1f, 1f]), 9);
        Assert.Equal(0.5, FaithfulnessCurves.Auc([1f, 0f]), 9);
        Assert.Equal(0.5, FaithfulnessCurves.Auc(Enumerable.Range(0, 21).Select(i => 1 - i / 20f).ToArray()), 6);
        Assert.Equal(0.375, FaithfulnessCurves.Auc([1f, 0f, 0.5f]), 9);
        Assert.Throws<DermLensException>(() => FaithfulnessCurves.Auc([1f]));
    }

    [Fact]
    public void Removed_pixels_show_the_images_mean_colour()
    {
        using var scope = NewDisposeScope();
        var images = Images(2, 5);

        var removed = Faithfulness.Removed(images);

        Assert.Equal(images.shape, removed.shape);
        CamTests.AssertClose(images[1, 2].mean().expand(Side, Side), removed[1, 2], 1e-6);
        CamTests.AssertClose(images[0, 0].mean().expand(Side, Side), removed[0, 0], 1e-6);
    }

    [Fact]
    public void Bad_arguments_are_reported()
    {
        using var scope = NewDisposeScope();
        var (model, _) = LinearModel(1);
        Assert.Throws<DermLensException>(() => new Faithfulness(model, "mse"));
        var faithfulness = new Faithfulness(model, "ce");
        Assert.Throws<DermLensException>(() => faithfulness.Measure(Images(2, 1), zeros(2, 4, 4), [0, 0]));
        Assert.Throws<DermLensException>(() => faithfulness.Measure(Images(2, 1), zeros(2, Side, Side), [0]));
    }
}
