namespace DermLens.Service;

/// <summary>How `dermlens serve` runs: the run it serves, where it listens, how it batches, and its limits.</summary>
public sealed record ServiceOptions
{
    /// <summary>The run folder whose model is served.</summary>
    public required string Run { get; init; }
    /// <summary>Where Kestrel listens; loopback unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>auto, fp32 or bf16.</summary>
    public string Precision { get; init; } = "auto";
    /// <summary>Most images scored in one forward pass.</summary>
    public int MaxBatch { get; init; } = 8;
    /// <summary>How long the first image of a batch waits for others; 0 scores what is queued at once.</summary>
    public int MaxWaitMs { get; init; } = 10;
    /// <summary>Images that may wait for the model; one more is answered 503 with Retry-After.</summary>
    public int QueueCapacity { get; init; } = 64;
    /// <summary>Batches scored at once, each on its own thread.</summary>
    public int Workers { get; init; } = 1;
    /// <summary>Threads a model pass computes on: libtorch's intra-op threads, set for the whole process when the service is
    /// built; null leaves them as they are (the serve verb passes <see cref="DefaultModelThreads"/>).</summary>
    public int? ModelThreads { get; init; }
    /// <summary>Largest upload accepted (413 beyond).</summary>
    public long MaxUploadBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>Largest decoded image, in pixels: a decompression bomb is refused, a large JPEG decoded smaller.</summary>
    public long MaxPixels { get; init; } = Imaging.ImageCodec.MaxPixels;
    /// <summary>A request taking longer is answered 504.</summary>
    public int RequestTimeoutSeconds { get; init; } = 30;
    /// <summary>When set, every /api request and /metrics must carry it (X-Api-Key header or bearer token); the probes stay open.</summary>
    public string? ApiKey { get; init; }
    /// <summary>When set, every upload that decodes is kept here under a generated name; else none is written anywhere.</summary>
    public string? KeepUploads { get; init; }
    /// <summary>A top probability below this refers the photo for low confidence.</summary>
    public double LowConfidence { get; init; } = 0.5;

    /// <summary>One core fewer than the machine has, shared among the workers, at least one: the core left over reads,
    /// decodes and answers the requests. On 2 cores a pass on both was faster at the median but its tail was not: whatever
    /// else ran (HTTP, the quality checks, a collection) held one of its threads back and the other waited for it; idle
    /// p99 of a ResNet-18 18-84 ms against 22-29 ms on one thread, over seven runs (bench/results/serve.md).</summary>
    public int DefaultModelThreads => Math.Max(1, (Environment.ProcessorCount - 1) / Math.Max(1, Workers));

    /// <summary>Throws a one-line error for a setting that cannot work.</summary>
    public void Check()
    {
        if (MaxBatch < 1) throw new DermLensException($"--max-batch must be at least 1, got {MaxBatch}.");
        if (MaxWaitMs < 0) throw new DermLensException($"--max-wait-ms must be 0 or more, got {MaxWaitMs}.");
        if (QueueCapacity < 1) throw new DermLensException($"--queue must be at least 1, got {QueueCapacity}.");
        if (Workers < 1) throw new DermLensException($"--workers must be at least 1, got {Workers}.");
        if (ModelThreads < 1) throw new DermLensException($"--model-threads must be at least 1, got {ModelThreads}.");
        if (MaxUploadBytes < 1024) throw new DermLensException($"--max-upload-mb is too small ({MaxUploadBytes} bytes).");
        if (RequestTimeoutSeconds < 1) throw new DermLensException($"--timeout must be at least 1 second, got {RequestTimeoutSeconds}.");
        if (!(LowConfidence is >= 0 and <= 1)) throw new DermLensException($"--low-confidence must be in [0, 1], got {LowConfidence}.");
        if (ApiKey is { Length: < 16 }) throw new DermLensException("--api-key must be at least 16 characters.");
    }
}
