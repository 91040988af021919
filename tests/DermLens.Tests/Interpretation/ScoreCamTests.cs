using DermLens.Interpretation;
using static TorchSharp.torch;
using static DermLens.Tests.Interpretation.CamTests;

namespace DermLens.Tests.Interpretation;

public class ScoreCamTests
{
    [Fact]
    public void Score_cam_weights_each_channel_by_the_softmaxed_target_score_of_the_image_it_masks()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create(seed: 7);
        var images = TinyCamNet.Images(2, seed: 8);
        var activations = TinyCamNet.Activations(net, images);
        var targets = new List<ExplanationTarget> { new ClassTarget(2), new ContrastTarget(0, 1) };

        // By hand: channel k, scaled to 0..1 (8-px maps on 8-px images need no upsampling), masks the image; its score
        // is the target's logits of the masked image; the weights are those scores softmaxed over the 4 channels.
        var scores = zeros(2, 4);
        using (no_grad())
        {
            for (var n = 0; n < 2; n++)
                for (var k = 0; k < 4; k++)
                {
                    var a = activations[n, k];
                    var mask = (a - a.min()) / (a.max() - a.min());
                    var logits = net.call(images[n].unsqueeze(0).mul(mask))[0];
                    scores[n, k] = n == 0 ? logits[2] : logits[0] - logits[1];
                }
        }
        var weights = scores.softmax(1).view(2, 4, 1, 1);
        var expected = activations.mul(weights).sum(1);

        foreach (var maskBatch in new[] { 1, 3, 32 })
            AssertClose(expected, new ScoreCam(net, "conv", maskBatchSize: maskBatch).SignedMap(images, targets), 1e-5);
    }

    [Fact]
    public void Score_cam_needs_no_gradients_and_refuses_an_empty_mask_batch()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        foreach (var p in net.parameters()) p.requires_grad = false;

        var maps = new ScoreCam(net, "conv").Explain(TinyCamNet.Images(2));

        Assert.Equal([2L, 8, 8], maps.shape);
        Assert.True(maps.max().item<float>() > 0.99f);
        Assert.Throws<DermLensException>(() => new ScoreCam(net, "conv", maskBatchSize: 0));
    }
}
