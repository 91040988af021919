using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Bench;

/// <summary>
/// One ResNet training step (forward, cross-entropy, backward, momentum SGD) on a random batch, timed the way
/// bench/speed_pytorch.py times PyTorch's; bench/speed.sh runs the two interleaved and writes the table.
/// Prints one JSON line: the median ms per step, the median of each phase, page faults and CPU time per step.
/// Options: --model resnet18|resnet50, --batch, --size, --threads, --warmup, --steps, --contiguous (keep NCHW weights
/// instead of the channels-last order training uses), --precision fp32|bf16 (bf16: fp32 master weights, as training runs),
/// --infer (eval-mode forward under no_grad instead of a training step), --peak [--n N] (instead: the rate of an NxN matmul in GFLOP/s).
/// </summary>
static class SpeedBenchmark
{
    public static string Run(string[] args)
    {
        string model = Option(args, "--model") ?? "resnet18";
        int batch = int.Parse(Option(args, "--batch") ?? "16", CultureInfo.InvariantCulture);
        int size = int.Parse(Option(args, "--size") ?? "224", CultureInfo.InvariantCulture);
        int threads = int.Parse(Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        int warmup = int.Parse(Option(args, "--warmup") ?? "3", CultureInfo.InvariantCulture);
        int steps = int.Parse(Option(args, "--steps") ?? "10", CultureInfo.InvariantCulture);
        bool channelsLast = !args.Contains("--contiguous");
        bool infer = args.Contains("--infer");
        var precision = PrecisionChoice.Resolve(Option(args, "--precision") ?? "fp32", CPU).Precision;

        torch.set_num_threads(threads);
        if (args.Contains("--peak")) return Peak(precision, int.Parse(Option(args, "--n") ?? "2048", CultureInfo.InvariantCulture), warmup, steps);
        torch.manual_seed(0);
        var net = ModelRegistry.Create(model, 1000);
        if (channelsLast) ChannelsLast.Apply(net);
        MixedPrecision.Apply(net, precision);
        if (infer) return Inference(net, model, batch, size, warmup, steps, channelsLast, precision);
        net.train();
        using var optimizer = new MomentumSgd(net.parameters(), 0.01, 0.9, 1e-4);
        using var loss = nn.CrossEntropyLoss();
        using var input = randn(batch, 3, size, size);
        using var y = randint(0, 1000, [batch]);

        var forward = new List<double>();
        var backward = new List<double>();
        var update = new List<double>();
        var totals = new List<double>();
        var faults = new List<double>();
        var cpu = new List<double>();
        var clock = new Stopwatch();
        for (int i = 0; i < warmup + steps; i++)
        {
            long faultsBefore = MinorFaults();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            double t1, t2, t3;
            using (NewDisposeScope())
            {
                clock.Restart();
                optimizer.ZeroGrad();
                var value = loss.forward(net.forward(input), y);
                t1 = clock.Elapsed.TotalMilliseconds;
                value.backward();
                t2 = clock.Elapsed.TotalMilliseconds;
                optimizer.Step();
                t3 = clock.Elapsed.TotalMilliseconds;
            }
            long stepFaults = MinorFaults() - faultsBefore;
            var stepCpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
            if (i < warmup) continue;
            forward.Add(t1);
            backward.Add(t2 - t1);
            update.Add(t3 - t2);
            totals.Add(t3);
            faults.Add(stepFaults);
            cpu.Add(stepCpu);
        }

        return JsonSerializer.Serialize(new
        {
            framework = "dermlens",
            model,
            memory_format = channelsLast ? "channels-last" : "contiguous",
            precision = PrecisionChoice.NameOf(precision),
            threads = torch.get_num_threads(),
            median_ms = Median(totals),
            phases_ms = new { forward = Median(forward), backward = Median(backward), optimizer = Median(update) },
            page_faults_per_step = Median(faults),
            cpu_ms_per_step = Median(cpu),
            steps_ms = totals.Select(t => Math.Round(t, 1)).ToArray(),
        });
    }

    // Eval-mode forward passes under no_grad: what evaluate, predict and explain's prediction run per batch.
    static string Inference(nn.Module<Tensor, Tensor> net, string model, int batch, int size, int warmup, int steps, bool channelsLast, Precision precision)
    {
        net.eval();
        using var noGrad = no_grad();
        using var input = randn(batch, 3, size, size);
        var totals = new List<double>();
        var clock = new Stopwatch();
        for (int i = 0; i < warmup + steps; i++)
        {
            using var scope = NewDisposeScope();
            clock.Restart();
            net.forward(input).sum().item<float>();
            if (i >= warmup) totals.Add(clock.Elapsed.TotalMilliseconds);
        }
        double median = Median(totals);
        return JsonSerializer.Serialize(new
        {
            framework = "dermlens", model, mode = "infer",
            memory_format = channelsLast ? "channels-last" : "contiguous",
            precision = PrecisionChoice.NameOf(precision),
            threads = torch.get_num_threads(),
            median_ms = median,
            images_per_second = batch / (median / 1000),
            steps_ms = totals.Select(t => Math.Round(t, 1)).ToArray(),
        });
    }

    // The machine's practical peak: a large square matmul (oneDNN / MKL GEMM) in the given precision.
    static string Peak(Precision precision, int N, int warmup, int steps)
    {
        var type = MixedPrecision.ScalarTypeOf(precision);
        using var a = randn(N, N).to(type);
        using var b = randn(N, N).to(type);
        var totals = new List<double>();
        var clock = new Stopwatch();
        for (int i = 0; i < warmup + steps; i++)
        {
            using var scope = NewDisposeScope();
            clock.Restart();
            a.matmul(b).sum().to(ScalarType.Float32).item<float>();
            if (i >= warmup) totals.Add(clock.Elapsed.TotalMilliseconds);
        }
        double median = Median(totals);
        return JsonSerializer.Serialize(new
        {
            framework = "dermlens", mode = "peak", precision = PrecisionChoice.NameOf(precision), threads = torch.get_num_threads(),
            n = N, median_ms = median, gflops = 2.0 * N * N * N / (median / 1000) / 1e9,
        });
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // Minor page faults of this process so far: field 10 of /proc/self/stat (after the parenthesised name).
    static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
