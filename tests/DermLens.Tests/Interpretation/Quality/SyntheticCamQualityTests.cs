using DermLens.Data.Synthetic;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Interpretation.Quality;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation.Quality;

[Trait("Category", "Slow")]
public class SyntheticCamQualityTests
{
    const int Size = 32;
    // Four looks that differ in colour and texture: the lesion is the only evidence of the class.
    static readonly int[] Classes = [0, 1, 7, 8];

    [Fact]
    public void On_synthetic_lesions_a_trained_models_grad_cam_beats_the_random_map_on_both_localisation_scores()
    {
        using var scope = NewDisposeScope();
        var (trainImages, trainLabels, _) = Draw(perClass: 80, seed: 1);
        var (testImages, testLabels, testMasks) = Draw(perClass: 16, seed: 2);
        var model = TinyResNet();
        Train(model, trainImages, trainLabels, epochs: 30);

        model.eval();
        using (no_grad())
        {
            var predicted = model.call(testImages).argmax(1).data<long>().ToArray();
            var accuracy = predicted.Zip(testLabels).Count(p => p.First == p.Second) / (double)testLabels.Length;
            // The claim below is about the maps, so this only has to rule out a model that learned nothing: guessing scores
            // 25 % +- 5.4 % (binomial, 64 images), so 45 % lies 3.7 standard deviations above it. The old 60 % bar failed on an AVX-512
            // Xeon at 53 %, a model whose maps still beat the random one: the trained accuracy varies with the CPU's rounding.
            Assert.True(accuracy > 0.45, $"the model should have learned the task (test accuracy {accuracy:P0}, chance 25%)");
        }

        var scorer = new CamQualityScorer(model, "block2", "ce", ["gradcam"], steps: 4, batchSize: 16, seed: 3);
        scorer.Add(testImages, testMasks, testLabels);
        var rows = scorer.Results().ToDictionary(r => r.Method);

        var cam = rows["gradcam"];
        var random = rows[CamQuality.RandomBaseline];
        Assert.Equal([ "gradcam", CamQuality.RandomBaseline, CamQuality.GaussianBaseline ], scorer.Results().Select(r => r.Method));
        Assert.Equal(64, cam.Images);
        Assert.True(cam.PointingGame > random.PointingGame, $"pointing game: Grad-CAM {cam.PointingGame:F3}, random {random.PointingGame:F3}");
        Assert.True(cam.EnergyInMask > random.EnergyInMask, $"energy in mask: Grad-CAM {cam.EnergyInMask:F3}, random {random.EnergyInMask:F3}");
        Assert.InRange(random.EnergyInMask, 0.05, 0.4); // about the lesion's share of the image
    }

    static (Tensor Images, int[] Labels, Tensor Masks) Draw(int perClass, int seed)
    {
        var options = new SyntheticOptions(Size: Size, Overlap: 0);
        var norm = Normalisation.ImageNet;
        var count = perClass * Classes.Length;
        var pixels = new float[count * 3 * Size * Size];
        var masks = new float[count * Size * Size];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % Classes.Length;
            var (image, mask, _, _) = SyntheticLesions.Draw(Classes[label], Size, new Random(Seeds.Derive(seed, i)), options);
            TensorLayout.WriteChw(image, norm.Mean, norm.Std, pixels.AsSpan(i * 3 * Size * Size, 3 * Size * Size));
            for (var p = 0; p < Size * Size; p++) masks[i * Size * Size + p] = mask[p] > 0 ? 1f : 0f;
            labels[i] = label;
        }
        return (tensor(pixels, [count, 3, Size, Size]), labels, tensor(masks, [count, Size, Size]));
    }

    /// <summary>Two stride-2 stages to 8x8 at 32 px, global pooling, a linear head; weights drawn from a local generator, as tests share torch's.</summary>
    static Sequential TinyResNet()
    {
        static Sequential Block(int input, int output) => nn.Sequential(("conv", nn.Conv2d(input, output, 3, stride: 2, padding: 1, bias: false)),
            ("bn", new DermLens.Models.BatchNorm2d(output)), ("relu", nn.ReLU()),
            ("conv2", nn.Conv2d(output, output, 3, padding: 1, bias: false)), ("bn2", new DermLens.Models.BatchNorm2d(output)), ("relu2", nn.ReLU()));
        var model = nn.Sequential(("block1", Block(3, 16)), ("block2", Block(16, 32)), ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flat", nn.Flatten()), ("fc", nn.Linear(32, Classes.Length)));
        var generator = new Generator(7);
        using (no_grad())
            foreach (var (name, parameter) in model.named_parameters())
                if (parameter.dim() > 1)
                {
                    var fanIn = parameter.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                    using var std = Math.Sqrt(2.0 / fanIn).ToScalar();
                    parameter.copy_(randn(parameter.shape, generator: generator).mul(std));
                }
                else if (name.EndsWith("bias")) parameter.zero_();
        return model;
    }

    static void Train(Sequential model, Tensor images, int[] labels, int epochs)
    {
        using var optimizer = new MomentumSgd(model.parameters(), 0.05, 0.9, 1e-4);
        using var loss = nn.CrossEntropyLoss();
        var targets = tensor(labels.Select(l => (long)l).ToArray());
        var rng = new Random(5);
        model.train();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            // Cosine decay: a constant rate leaves the last epoch's noise in the weights, and the verdict to luck.
            optimizer.LearningRates[0] = 0.05 * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs));
            var order = Enumerable.Range(0, labels.Length).OrderBy(_ => rng.Next()).ToArray();
            foreach (var chunk in order.Chunk(16))
            {
                using var step = NewDisposeScope();
                var index = tensor(chunk.Select(i => (long)i).ToArray());
                optimizer.ZeroGrad();
                loss.forward(model.call(images.index_select(0, index)), targets.index_select(0, index)).backward();
                optimizer.Step();
            }
        }
    }
}
