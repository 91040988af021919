using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Models;
using DermLens.Models.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using OrtTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace DermLens.Bench;

/// <summary>
/// The ONNX export against TorchSharp: for every registry architecture (random weights, BatchNorm statistics recorded
/// from a batch), the largest logit difference of ONNX Runtime on the exported file at 224 px, batch 1; then
/// images/s of both on ResNet-18 and ResNet-50 at 224 px, batch 8, fp32, ONNX Runtime given as many threads as TorchSharp uses.
/// </summary>
static class OnnxBenchmark
{
    const int Size = 224, Classes = 7;

    /// <summary>Arguments: timed iterations per model (5).</summary>
    public static string Run(string[] args)
    {
        int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var work = Directory.CreateTempSubdirectory("dermlens-onnx-bench").FullName;
        var s = new StringBuilder();
        s.AppendLine("# ONNX export: parity and speed against TorchSharp");
        s.AppendLine();
        s.Append(CultureInfo.InvariantCulture, $"Random weights (seed 1; BatchNorm affine parameters drawn uniformly, statistics recorded from one batch of two random images), {Classes} classes, fp32, CPU, ")
            .Append(CultureInfo.InvariantCulture, $"{torch.get_num_threads()} TorchSharp threads and as many ONNX Runtime intra-op threads. Load at the start: {Shared.LoadAverage()} ")
            .Append("(the machine is shared: speeds are noisy). ")
            .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run --project bench/DermLens.Bench -c Release -- onnx [{iterations}]`.");
        s.AppendLine();
        // Random deep networks amplify rounding with depth; ONNX Runtime against itself without its graph optimisations
        // (Conv+BatchNorm folding, fused kernels: the same arithmetic reordered) shows how much of a difference is that floor.
        s.AppendLine("| architecture | max abs logit diff, ONNX Runtime vs TorchSharp (224 px, batch 1) | ONNX Runtime optimised vs unoptimised | largest abs logit |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var arch in ModelRegistry.Names)
        {
            using var network = Network(arch);
            var path = Path.Combine(work, arch + ".onnx");
            OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
            using var session = Session(path);
            var pixels = RandomPixels(1);
            var (torchLogits, onnxLogits) = (TorchLogits(network, pixels, 1), OnnxLogits(session, pixels, 1));
            var difference = MaxDifference(torchLogits, onnxLogits);
            using var unoptimised = new InferenceSession(path, new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL });
            var floor = MaxDifference(onnxLogits, OnnxLogits(unoptimised, pixels, 1));
            s.AppendLine(CultureInfo.InvariantCulture, $"| {arch} | {difference:E2} | {floor:E2} | {torchLogits.Max(Math.Abs):F3} |");
            Console.WriteLine($"{arch}: {difference:E2}");
        }
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Speed: batch 8 at {Size} px, one warm-up then {iterations} timed batches each, median.");
        s.AppendLine();
        s.AppendLine("| architecture | TorchSharp images/s | ONNX Runtime images/s | ratio |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var arch in new[] { "resnet18", "resnet50" })
        {
            using var network = Network(arch);
            var path = Path.Combine(work, arch + ".onnx");
            OnnxExport.Write(network, Size, Normalisation.ImageNet, path);
            using var session = Session(path);
            var pixels = RandomPixels(8);
            var torchRate = 8 / MedianSeconds(iterations, () => TorchLogits(network, pixels, 8));
            var onnxRate = 8 / MedianSeconds(iterations, () => OnnxLogits(session, pixels, 8));
            s.AppendLine(CultureInfo.InvariantCulture, $"| {arch} | {torchRate:F1} | {onnxRate:F1} | {onnxRate / torchRate:F2} |");
            Console.WriteLine($"{arch}: TorchSharp {torchRate:F1}/s, ONNX Runtime {onnxRate:F1}/s");
        }
        Directory.Delete(work, recursive: true);
        return s.ToString();
    }

    static nn.Module<Tensor, Tensor> Network(string arch)
    {
        torch.manual_seed(1);
        var network = ModelRegistry.Create(arch, Classes);
        // BatchNorm starts as the identity (statistics 0 and 1, scale 1, shift 0): spread the affine parameters, then
        // record the statistics of a batch, so the export's BatchNormalization nodes are really tested, with activations of
        // a trained network's scale in any depth (drawn statistics let ResNet-152's logits reach 1e7). The batch is
        // normalised as the compared inputs are, so the statistics fit them.
        var norms = network.modules().OfType<BatchNorm2d>().ToList();
        using (no_grad())
        using (NewDisposeScope())
        {
            foreach (var norm in norms)
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.uniform_(-0.2, 0.2);
                norm.momentum = 1.0;
            }
            network.train();
            network.call(Normalised(rand(2, 3, Size, Size)));
            foreach (var norm in norms) norm.momentum = 0.1;
        }
        network.eval();
        return network;
    }

    static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    static InferenceSession Session(string path) =>
        new(path, new SessionOptions { IntraOpNumThreads = torch.get_num_threads(), InterOpNumThreads = 1 });

    static float[] RandomPixels(int count)
    {
        var random = new Random(count);
        return Enumerable.Range(0, count * 3 * Size * Size).Select(_ => random.NextSingle()).ToArray();
    }

    static float[] TorchLogits(nn.Module<Tensor, Tensor> network, float[] pixels, int count)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return network.call(Normalised(tensor(pixels, [count, 3, Size, Size]))).data<float>().ToArray();
    }

    static float[] OnnxLogits(InferenceSession session, float[] pixels, int count)
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, new OrtTensor(pixels, [count, 3, Size, Size]))]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    static double MedianSeconds(int iterations, Action step)
    {
        step();
        var seconds = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            step();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return seconds.Order().ElementAt(seconds.Count / 2);
    }

    /// <summary>(x - mean) / std with ImageNet's statistics, what the network sees where the exported graph sees x.</summary>
    static Tensor Normalised(Tensor pixels) =>
        pixels.sub(tensor(Normalisation.ImageNet.Mean, [1, 3, 1, 1])).div(tensor(Normalisation.ImageNet.Std, [1, 3, 1, 1]));
}
