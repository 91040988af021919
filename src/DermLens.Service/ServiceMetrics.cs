using Prometheus;

namespace DermLens.Service;

/// <summary>The service's Prometheus metrics, in a registry of its own (so two services in one process never mix):
/// requests by endpoint and status, latency, batch sizes, queue length.</summary>
public sealed class ServiceMetrics
{
    readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    readonly Counter _requests;
    readonly Histogram _latency;
    readonly Histogram _batchSize;
    readonly Gauge _queueLength;

    public ServiceMetrics(Func<int> queueLength)
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _requests = factory.CreateCounter("dermlens_requests_total", "HTTP requests by endpoint and status code.",
            new CounterConfiguration { LabelNames = ["endpoint", "status"] });
        _latency = factory.CreateHistogram("dermlens_request_duration_seconds", "Time from request to response, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });
        _batchSize = factory.CreateHistogram("dermlens_batch_size", "Images per model pass.",
            new HistogramConfiguration { Buckets = Histogram.LinearBuckets(1, 1, 32) });
        _queueLength = factory.CreateGauge("dermlens_queue_length", "Images waiting for the model.");
        _registry.AddBeforeCollectCallback(() => _queueLength.Set(queueLength()));
    }

    public void Request(string endpoint, int status, TimeSpan elapsed)
    {
        _requests.WithLabels(endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _latency.WithLabels(endpoint).Observe(elapsed.TotalSeconds);
    }

    public void Batch(int size) => _batchSize.Observe(size);

    /// <summary>Writes every metric in Prometheus' text format.</summary>
    public Task WriteAsync(Stream output, CancellationToken ct) => _registry.CollectAndExportAsTextAsync(output, ct);
}
