using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Models;
using DermLens.Runs;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Runs;

/// <summary>A ResNet-18 trained in fp32 on synthetic lesions at 64 px, then run in bf16: what the precision option promises.</summary>
[Trait("Category", "Slow")]
public class Bf16RunTests(Bf16RunTests.TrainedFp32 trained) : IClassFixture<Bf16RunTests.TrainedFp32>
{
    public sealed class TrainedFp32 : IDisposable
    {
        readonly TempDir dir = new();

        public TrainedFp32()
        {
            SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 10, Size: 64, Seed: 2));
            Run = new TrainingJob(new TrainRequest
            {
                Data = dir["data"], Arch = "resnet18", Out = dir["run"], TestFraction = 0.3, ValidationFraction = 0.2,
                Train = new TrainOptions { Epochs = 4, ImageSize = 64, BatchSize = 16, Precision = "fp32" },
            }).Run().Run;
            Images = Directory.EnumerateFiles(dir["data"], "*.png", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}masks{Path.DirectorySeparatorChar}")).Order().ToList();
        }

        public RunFolder Run { get; }
        public IReadOnlyList<string> Images { get; }
        public string Scratch(string name) => dir[name];
        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public void Bf16_predictions_agree_with_fp32_on_at_least_99_percent_of_images()
    {
        using var fp32 = new Predictor(trained.Run, new() { Precision = "fp32" });
        using var bf16 = new Predictor(trained.Run, new() { Precision = "bf16" });
        Assert.Equal("bf16 as asked", bf16.PrecisionReason);
        var a = fp32.PredictAll(trained.Images, topK: 1);
        var b = bf16.PredictAll(trained.Images, topK: 1);
        int agree = a.Zip(b).Count(p => p.First.Top[0].Class == p.Second.Top[0].Class);
        Assert.True(agree >= 0.99 * trained.Images.Count, $"{agree} of {trained.Images.Count} predictions agree");
    }

    [Fact]
    public void Bf16_grad_cam_correlates_with_fp32_grad_cam_at_least_0_99()
    {
        var config = trained.Run.LoadConfig();
        var size = config.Train.ImageSize;
        int plane = size.Plane;
        var images = trained.Images.Take(24).ToList();
        var pixels = new float[images.Count * 3 * plane];
        for (int i = 0; i < images.Count; i++)
            TensorLayout.WriteChw(Resizer.ResizeCenterCrop(ImageCodec.Decode(images[i]), size), config.Mean, config.Std,
                pixels.AsSpan(i * 3 * plane, 3 * plane));
        using var input = tensor(pixels, [images.Count, 3, size.Height, size.Width]);
        float[] Maps(string precision)
        {
            using var model = RunModel.Load(trained.Run, precision: precision);
            using var maps = new GradCam(model.Network, ModelRegistry.Get(config.Arch).TargetLayer).Explain(input);
            return maps.data<float>().ToArray();
        }
        var fp32 = Maps("fp32");
        var bf16 = Maps("bf16");
        var correlations = Enumerable.Range(0, images.Count)
            .Select(i => Pearson(fp32.AsSpan(i * plane, plane), bf16.AsSpan(i * plane, plane)))
            .Where(double.IsFinite).ToList();
        Assert.NotEmpty(correlations);
        Assert.True(correlations.Average() >= 0.99, $"mean correlation {correlations.Average():F4}, lowest {correlations.Min():F4}");
    }

    [Fact]
    public void Batched_prediction_gives_each_image_its_own_result_in_order_and_reports_the_unreadable_one_in_place()
    {
        var broken = trained.Scratch("broken.png");
        File.WriteAllText(broken, "not an image");
        var paths = trained.Images.Take(5).Append(broken).Concat(trained.Images.Skip(5).Take(4)).ToList();
        using var predictor = new Predictor(trained.Run, new() { Precision = "fp32" }) { BatchSize = 4 };
        var batched = predictor.PredictAll(paths, topK: 2);

        Assert.Equal(paths, batched.Select(r => r.Path));
        Assert.NotNull(batched[5].Error);
        Assert.Empty(batched[5].Top);
        foreach (var (path, result) in paths.Zip(batched).Where(p => p.First != broken))
        {
            var alone = predictor.Predict(path, topK: 2);
            Assert.Equal(alone.Top.Select(t => t.Class), result.Top.Select(t => t.Class));
            Assert.Equal(alone.Top[0].Probability, result.Top[0].Probability, 1e-4);
        }
    }

    [Fact]
    public void Batched_explanation_writes_the_maps_and_classes_of_one_image_at_a_time()
    {
        var paths = trained.Images.Take(5).ToList();
        using var job = new ExplainJob(trained.Run, "gradcam", options: new() { Precision = "fp32" }) { BatchSize = 3 };
        var batched = job.ExplainAll(paths, trained.Scratch("explain-batched"));
        var alone = paths.Select(p => job.Explain(p, trained.Scratch("explain-alone"))).ToList();
        Assert.Equal(alone.Select(r => r.ClassName), batched.Select(r => r.ClassName));
        foreach (var (a, b) in alone.Zip(batched))
        {
            var (x, y) = (NpyValues(a.Files[1]), NpyValues(b.Files[1]));
            Assert.Equal(x.Length, y.Length);
            Assert.True(x.Zip(y).All(p => Math.Abs(p.First - p.Second) < 1e-4), $"{a.Path}: batched map differs");
        }
    }

    // The float32 values of a .npy file that NpyFile wrote (header length at bytes 8-9).
    static float[] NpyValues(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int start = 10 + BitConverter.ToUInt16(bytes, 8);
        var values = new float[(bytes.Length - start) / 4];
        Buffer.BlockCopy(bytes, start, values, 0, values.Length * 4);
        return values;
    }

    [Fact]
    public void A_bf16_run_stores_its_precision_and_pytorch_loadable_fp32_weights()
    {
        var outcome = new TrainingJob(new TrainRequest
        {
            Data = trained.Run.LoadConfig().Data, Arch = "resnet18", Out = trained.Scratch("bf16-run"), TestFraction = 0.3, ValidationFraction = 0.2,
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 16, Precision = "bf16" },
        }).Run();
        var config = outcome.Run.LoadConfig();
        Assert.Equal("bf16", config.Train.Precision);
        Assert.Contains("Precision: bf16 as asked", File.ReadAllText(outcome.Run.File("log.txt")));
        Assert.True(double.IsFinite(outcome.Training.History[0].TrainLoss));
        using var scope = NewDisposeScope();
        Assert.All(Checkpoint.ReadStateDict(outcome.Run.Model).Where(kv => kv.Value.is_floating_point()),
            kv => Assert.Equal(ScalarType.Float32, kv.Value.dtype));
    }

    static double Pearson(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}
