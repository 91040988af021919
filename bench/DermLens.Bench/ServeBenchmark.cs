using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DermLens.Data;
using DermLens.Runs;
using DermLens.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DermLens.Bench;

/// <summary>
/// The screening service under load, on loopback: a ResNet-18 trained one epoch at 96x128 on ham10000-dev and a
/// ResNet-34 at 224x224, served in this process; first one client at a time on each (the idle latency, where it goes,
/// and the model time a single request pays), then N concurrent clients posting real ham10000-dev photos to the
/// ResNet-18 for a fixed time without and with micro-batching, then the server's memory over a long run of requests.
/// </summary>
static class ServeBenchmark
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Arguments: concurrent clients (8), seconds per load phase (30), requests of the memory phase (10000), and "idle" to stop after the idle phase.</summary>
    public static string Run(string[] args)
    {
        int clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        int memoryRequests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        bool idleOnly = args.Length > 3 && args[3] == "idle";
        var data = Path.Combine(Shared.Find(), "ham10000-dev");
        var work = Path.Combine(Path.GetTempPath(), "dermlens-serve-bench");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var run = Path.Combine(work, "run");
        var large = Path.Combine(work, "run-resnet34-224");
        Shared.Dermlens($"train --data {data} --out {run} --arch resnet18 --epochs 1 --image-size 96x128 --precision fp32", Path.Combine(work, "train.log"));
        Shared.Dermlens($"train --data {data} --out {large} --arch resnet34 --epochs 1 --image-size 224", Path.Combine(work, "train-resnet34-224.log"));
        var photos = DataSources.Open(data).Samples.Take(200).Select(s => File.ReadAllBytes(s.Location)).ToArray();

        var report = new StringBuilder();
        report.AppendLine("# Service load benchmark");
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"`dotnet run --project bench/DermLens.Bench -c Release -- serve {clients} {seconds} {memoryRequests}{(idleOnly ? " idle" : "")}` on {Environment.ProcessorCount} cores, ") +
            string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Shared.LoadAverage()} at start. ") +
            "Models: ResNet-18 at 96x128 (every phase) and ResNet-34 at 224x224 (the research system's smallest network at its input size; idle phase), " +
            "each trained one epoch on ham10000-dev, served in the precision `auto` picks. Requests: POST /api/predict with one of 200 " +
            "ham10000-dev JPEGs as stored, multipart, on loopback; server and clients in one process. Latency percentiles are over every request of a phase, " +
            "the first (cold HTTP stack) included.");
        report.AppendLine();

        // Before any phase: the service sets libtorch's threads for the whole process, and a predict call uses the default.
        var defaultThreads = new ServiceOptions { Run = run }.DefaultModelThreads;
        var small = ModelAlone(run, photos, defaultThreads);
        var big = ModelAlone(large, photos, defaultThreads);
        var idleSeconds = TimeSpan.FromSeconds(Math.Max(10, seconds / 2));
        var idle = Phase(run, photos, maxBatch: 1, maxWaitMs: 0, clients: 1, idleSeconds, requests: null);
        // The other choice of threads: every core where the default holds one back, else one fewer.
        int cores = Environment.ProcessorCount;
        int otherThreads = defaultThreads < cores ? cores : Math.Max(1, cores - 1);
        var idleOther = Phase(run, photos, maxBatch: 1, maxWaitMs: 0, clients: 1, idleSeconds, requests: null, modelThreads: otherThreads);
        var idleLarge = Phase(large, photos, maxBatch: 1, maxWaitMs: 0, clients: 1, idleSeconds, requests: null);
        var idleLargeOther = Phase(large, photos, maxBatch: 1, maxWaitMs: 0, clients: 1, idleSeconds, requests: null, modelThreads: otherThreads);
        foreach (var (name, alone, result, other) in new[] { ("ResNet-18, 96x128", small, idle, idleOther), ("ResNet-34, 224x224", big, idleLarge, idleLargeOther) })
        {
            report.AppendLine($"## Idle server, one client: {name}");
            report.AppendLine();
            report.AppendLine(alone.Text);
            report.AppendLine();
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Served (model passes on {defaultThreads} thread(s), the default): model pass median {result.ModelMs:0.0} ms; request latency p50 {result.P(50):0.0} ms, p99 {result.P(99):0.0} ms over {result.Latencies.Count} requests. ") +
                string.Create(CultureInfo.InvariantCulture,
                $"**p99 / model time: {result.P(99) / result.ModelMs:0.00}x the served pass, {result.P(99) / alone.BatchOneMs:0.00}x a predict call's pass** (target ≤ 2x). ") +
                string.Create(CultureInfo.InvariantCulture,
                $"With `--model-threads {otherThreads}`: model pass median {other.ModelMs:0.0} ms, p99 of the pass {Percentile(other.Server.Select(t => t.ModelMs).ToList(), 99):0.0} ms; request latency p50 {other.P(50):0.0} ms, p99 {other.P(99):0.0} ms."));
            report.AppendLine();
            report.AppendLine(result.Breakdown());
            report.AppendLine();
        }
        if (idleOnly) return report.ToString();

        report.AppendLine($"## {clients} clients, ResNet-18 at 96x128");
        report.AppendLine();
        report.AppendLine("| phase | clients | max batch | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | 503 | errors | mean batch |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        report.AppendLine(idle.Row("idle", 1, 1));
        var plain = Phase(run, photos, maxBatch: 1, maxWaitMs: 0, clients, TimeSpan.FromSeconds(seconds), requests: null);
        report.AppendLine(plain.Row("no batching", clients, 1));
        var batched = Phase(run, photos, maxBatch: 8, maxWaitMs: 10, clients, TimeSpan.FromSeconds(seconds), requests: null);
        report.AppendLine(batched.Row("micro-batching", clients, 8));
        var plainOther = Phase(run, photos, maxBatch: 1, maxWaitMs: 0, clients, TimeSpan.FromSeconds(seconds), requests: null, modelThreads: otherThreads);
        report.AppendLine(plainOther.Row($"no batching, `--model-threads {otherThreads}`", clients, 1));
        var batchedOther = Phase(run, photos, maxBatch: 8, maxWaitMs: 10, clients, TimeSpan.FromSeconds(seconds), requests: null, modelThreads: otherThreads);
        report.AppendLine(batchedOther.Row($"micro-batching, `--model-threads {otherThreads}`", clients, 8));
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Throughput with micro-batching / without: {batched.Throughput / plain.Throughput:0.00}x (target ≥ 2x); with `--model-threads {otherThreads}` {batchedOther.Throughput / plainOther.Throughput:0.00}x. ") +
            string.Create(CultureInfo.InvariantCulture,
            $"The model alone on the service's thread(s) gains {small.ServedGainAtFour:0.00}x at batch 4 and {small.ServedGainAtEight:0.00}x at batch 8 (mean batch here {batched.MeanBatch:0.0})."));
        report.AppendLine();
        report.AppendLine("## Memory");
        report.AppendLine();

        var memory = Phase(run, photos, maxBatch: 8, maxWaitMs: 10, clients, TimeSpan.MaxValue, requests: memoryRequests);
        report.AppendLine("| phase | clients | max batch | requests | throughput (req/s) | p50 ms | p95 ms | p99 ms | 503 | errors | mean batch |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        report.AppendLine(memory.Row("memory run", clients, 8));
        report.AppendLine();
        var afterWarmup = memory.Rss.SkipWhile(r => r.Done < memoryRequests / 10).ToArray();
        if (afterWarmup.Length > 1)
        {
            double first = afterWarmup[0].Bytes, last = afterWarmup[^1].Bytes, peak = afterWarmup.Max(r => r.Bytes);
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Resident memory over {memoryRequests} requests: {first / 1e6:0} MB after {afterWarmup[0].Done} requests (warm-up), {last / 1e6:0} MB at the end " +
                $"({(last - first) / first:+0.0%;-0.0%;+0.0%}), peak {peak / 1e6:0} MB (target: within 5 % after warm-up)."));
            report.AppendLine();
            report.AppendLine("| requests done | resident MB |");
            report.AppendLine("|---|---|");
            foreach (var sample in memory.Rss.Where((_, i) => i % Math.Max(1, memory.Rss.Count / 10) == 0 || i == memory.Rss.Count - 1))
                report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {sample.Done} | {sample.Bytes / 1e6:0} |"));
        }
        return report.ToString();
    }

    sealed record Result(List<double> Latencies, List<Timings> Server, int Busy, int Errors, double Seconds, double ModelMs, double MeanBatch, List<(int Done, long Bytes)> Rss)
    {
        public double Throughput => Latencies.Count / Seconds;
        public double P(double percent) => Percentile(Latencies, percent);

        /// <summary>Where the time of a request went, from the server's own timings, at the median and at p99.</summary>
        public string Breakdown()
        {
            string Part(string name, IEnumerable<double> ms)
            {
                var values = ms.ToList();
                return string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(values, 50):0.0} | {Percentile(values, 95):0.0} | {Percentile(values, 99):0.0} | {values.Max():0.0} |");
            }
            return string.Join('\n',
                "| part of a request | p50 ms | p95 ms | p99 ms | max ms |",
                "|---|---|---|---|---|",
                Part("upload read, decode, preparation", Server.Select(t => t.DecodeMs)),
                Part("queue, quality checks (during the pass) and response", Server.Select(t => t.QueueMs)),
                Part("model pass", Server.Select(t => t.ModelMs)),
                Part("server total (handler)", Server.Select(t => t.TotalMs)),
                Part("outside the handler (HTTP, client)", Latencies.Zip(Server, (all, server) => all - server.TotalMs)),
                Part("client latency", Latencies));
        }

        public string Row(string phase, int clients, int maxBatch) => string.Create(CultureInfo.InvariantCulture,
            $"| {phase} | {clients} | {maxBatch} | {Latencies.Count + Busy + Errors} | {Throughput:0.0} | {P(50):0.0} | {P(95):0.0} | {P(99):0.0} | {Busy} | {Errors} | {MeanBatch:0.0} |");
    }

    static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];
    }

    /// <summary>Serves the run (model passes on modelThreads, else the serve verb's default) and has clients post photos until the duration passes or the requests are done.</summary>
    static Result Phase(string run, byte[][] photos, int maxBatch, int maxWaitMs, int clients, TimeSpan duration, int? requests, int? modelThreads = null)
    {
        var options = new ServiceOptions { Run = run, Urls = "http://127.0.0.1:0", MaxBatch = maxBatch, MaxWaitMs = maxWaitMs, QueueCapacity = 64 };
        // What `dermlens serve` does: its --model-threads, or the default.
        var app = ServiceApp.Build(options with { ModelThreads = modelThreads ?? options.DefaultModelThreads });
        app.StartAsync().GetAwaiter().GetResult();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            var answered = new ConcurrentQueue<(double Latency, Timings Server)>();
            int busy = 0, errors = 0, started = 0, done = 0;
            var rss = new List<(int, long)>();
            var clock = Stopwatch.StartNew();
            var sampler = requests == null ? null : new Timer(_ => { lock (rss) rss.Add((Volatile.Read(ref done), Process.GetCurrentProcess().WorkingSet64)); }, null, 0, 500);
            var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
            {
                var rng = new Random(client);
                while (clock.Elapsed < duration && (requests == null || Interlocked.Increment(ref started) <= requests))
                {
                    using var form = new MultipartFormDataContent();
                    var file = new ByteArrayContent(photos[rng.Next(photos.Length)]);
                    file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                    form.Add(file, "image", "photo.jpg");
                    var sent = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.PostAsync("/api/predict", form);
                        var body = await response.Content.ReadAsStringAsync();
                        if (response.IsSuccessStatusCode)
                            answered.Enqueue((sent.Elapsed.TotalMilliseconds, JsonDocument.Parse(body).RootElement.GetProperty("timings").Deserialize<Timings>(Json)!));
                        else if ((int)response.StatusCode == 503) Interlocked.Increment(ref busy);
                        else Interlocked.Increment(ref errors);
                    }
                    catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                    Interlocked.Increment(ref done);
                }
            })).ToArray();
            Task.WaitAll(tasks);
            var seconds = clock.Elapsed.TotalSeconds;
            sampler?.Dispose();
            var metrics = http.GetStringAsync("/metrics").GetAwaiter().GetResult();
            var server = answered.Select(a => a.Server).ToList();
            return new Result(answered.Select(a => a.Latency).ToList(), server, busy, errors, seconds, Median(server.Select(t => t.ModelMs)), MeanBatch(metrics), rss);
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A model's passes alone, described, and its time per image at batch 1 as a predict call runs it.</summary>
    sealed record Alone(string Text, double BatchOneMs, double ServedGainAtFour, double ServedGainAtEight);

    /// <summary>
    /// What batching can gain at most: the model's time per image at batch 1, 4 and 8, pass alone (no HTTP, decoding or quality
    /// checks), median of 20 passes each after 3 warm-up passes; on libtorch's default threads (a predict call) and on the
    /// service's. Each on a thread of its own, as the service loads its model, so that no OpenMP team outlives it.
    /// </summary>
    static Alone ModelAlone(string run, byte[][] photos, int servedThreads)
    {
        int predictThreads = TorchSharp.torch.get_num_threads();
        var (precision, predict) = OwnThread.Run(() => PerImage(run, photos, predictThreads));
        var (_, served) = OwnThread.Run(() => PerImage(run, photos, servedThreads));
        TorchSharp.torch.set_num_threads(predictThreads);
        return new Alone(string.Create(CultureInfo.InvariantCulture,
            $"Model alone ({precision}), median of 20 passes, as a predict call runs it (libtorch's default {predictThreads} threads): " +
            $"{predict.One:0.0} ms per image at batch 1, {predict.Eight:0.0} at batch 8 ({predict.One / predict.Eight:0.00}x); " +
            $"on the service's {servedThreads} thread(s): {served.One:0.0} ms at batch 1, {served.Four:0.0} at batch 4, {served.Eight:0.0} at batch 8 " +
            $"(**{served.One / served.Four:0.00}x and {served.One / served.Eight:0.00}x: the most micro-batching can multiply the throughput of a service whose unbatched " +
            $"passes keep its model busy**, by the mean batch it reaches); decoding, quality checks and HTTP are per request and gain nothing."),
            predict.One, served.One / served.Four, served.One / served.Eight);
    }

    static (string Precision, (double One, double Four, double Eight) Ms) PerImage(string run, byte[][] photos, int threads)
    {
        TorchSharp.torch.set_num_threads(threads);
        using var model = RunModel.Open(RunFolder.Open(run), new InferenceOptions());
        var prepared = photos.Take(8).Select(p => model.Prepare(Imaging.ImageCodec.Decode(p, "photo"))).ToArray();
        double Ms(int batch)
        {
            var times = new List<double>();
            for (int pass = 0; pass < 23; pass++)
            {
                using var scope = TorchSharp.torch.NewDisposeScope();
                var clock = Stopwatch.StartNew();
                model.ProbabilityRows(model.Input(prepared.Take(batch).ToArray()), batch);
                if (pass >= 3) times.Add(clock.Elapsed.TotalMilliseconds / batch);
            }
            return Median(times);
        }
        return ($"{model.Precision}: {model.PrecisionReason}", (Ms(1), Ms(4), Ms(8)));
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    /// <summary>Images per model pass, from the service's own batch-size histogram.</summary>
    static double MeanBatch(string metrics)
    {
        double Value(string name) => metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
        var count = Value("dermlens_batch_size_count");
        return count == 0 ? double.NaN : Value("dermlens_batch_size_sum") / count;
    }
}
