using System.Threading.Channels;
using DermLens.Imaging;

namespace DermLens.Data;

/// <summary>
/// Turns samples into batches: parallel decode and augmentation on worker threads, a few batches
/// prepared ahead so the model never waits. Unreadable images are skipped and recorded.
/// </summary>
public sealed class BatchLoader
{
    readonly IReadOnlyList<Sample> _samples;
    readonly ImageCache _cache;
    readonly Func<RgbImage, Random, RgbImage> _transform;
    readonly float[] _mean, _std;
    readonly ISampler _sampler;
    readonly int _seed;

    public int BatchSize { get; }
    public InputSize ImageSize { get; }
    public int Prefetch { get; init; } = 3;
    public int Workers { get; init; } = Environment.ProcessorCount;
    public bool DropLast { get; init; }

    public BatchLoader(IReadOnlyList<Sample> samples, ImageCache cache, Func<RgbImage, Random, RgbImage> transform,
        InputSize imageSize, float[] mean, float[] std, int batchSize, ISampler sampler, int seed)
    {
        _samples = samples;
        _cache = cache;
        _transform = transform;
        ImageSize = imageSize;
        _mean = mean;
        _std = std;
        BatchSize = batchSize;
        _sampler = sampler;
        _seed = seed;
    }

    /// <summary>Files skipped so far because they could not be decoded: location to reason.</summary>
    public IReadOnlyDictionary<string, string> Unreadable => _cache.Unreadable;

    public int BatchesPerEpoch(int epoch = 0)
    {
        int n = _sampler.Order(epoch).Length;
        return DropLast ? n / BatchSize : (n + BatchSize - 1) / BatchSize;
    }

    public async IAsyncEnumerable<Batch> EpochAsync(int epoch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var order = _sampler.Order(epoch);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(Math.Max(1, Prefetch)) { SingleWriter = true });
        // Stopped when the consumer leaves early, so the producer never waits forever on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => Produce(order, epoch, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct)) yield return batch;
        }
        finally
        {
            stop.Cancel();
            await producer;
        }
    }

    /// <summary>Synchronous view of <see cref="EpochAsync"/>, for training loops that are not async.</summary>
    public IEnumerable<Batch> Epoch(int epoch, CancellationToken ct = default) =>
        EpochAsync(epoch, ct).ToBlockingEnumerable(ct);

    void Produce(int[] order, int epoch, ChannelWriter<Batch> writer, CancellationToken ct)
    {
        try
        {
            int batches = DropLast ? order.Length / BatchSize : (order.Length + BatchSize - 1) / BatchSize;
            for (int b = 0; b < batches; b++)
            {
                ct.ThrowIfCancellationRequested();
                int start = b * BatchSize, count = Math.Min(BatchSize, order.Length - start);
                var batch = Prepare(order, start, count, epoch);
                if (batch != null) writer.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    Batch? Prepare(int[] order, int start, int count, int epoch)
    {
        int plane = 3 * ImageSize.Plane;
        var pixels = new float[count * plane];
        var ok = new bool[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Workers }, i =>
        {
            var sample = _samples[order[start + i]];
            var image = _cache.Get(sample);
            if (image == null) return;
            // Seeded by position, not thread, so a run is reproducible however work is scheduled.
            var rng = new Random(Seeds.Derive(_seed, epoch, start + i));
            var transformed = _transform(image, rng);
            TensorLayout.WriteChw(transformed, _mean, _std, pixels.AsSpan(i * plane, plane));
            ok[i] = true;
        });
        int kept = ok.Count(x => x);
        if (kept == 0) return null;
        if (kept < count)
        {
            var compact = new float[kept * plane];
            for (int i = 0, j = 0; i < count; i++)
                if (ok[i]) Array.Copy(pixels, i * plane, compact, j++ * plane, plane);
            pixels = compact;
        }
        var samples = Enumerable.Range(0, count).Where(i => ok[i]).Select(i => _samples[order[start + i]]).ToArray();
        return new Batch(pixels, samples.Select(s => (long)s.Label).ToArray(), samples, ImageSize);
    }
}
