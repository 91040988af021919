namespace DermLens.Service;

/// <summary>The micro-batching queue had no room for another item; the caller should come back after <see cref="RetryAfter"/>.</summary>
public sealed class QueueFullException(TimeSpan retryAfter)
    : Exception($"The scoring queue is full; retry in {retryAfter.TotalSeconds:0} s.")
{
    /// <summary>How long the queued work is expected to take to clear, in whole seconds and at least one (what a Retry-After header carries).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
