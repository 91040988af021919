using System.Diagnostics;
using System.Threading.Channels;

namespace DermLens.Service;

/// <summary>Gathers concurrent submissions into batches for a function that scores many inputs at once, on a fixed number of worker threads.</summary>
public sealed class MicroBatcher<TIn, TOut> : IAsyncDisposable
{
    readonly Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> _process;
    readonly int _maxBatch;
    readonly TimeSpan _maxWait;
    readonly Channel<QueuedItem<TIn, TOut>> _queue;
    readonly CancellationTokenSource _stopping = new();
    readonly Task[] _workers;
    readonly Lazy<Task> _disposal;
    long _recentBatchTicks;

    /// <summary>Starts <paramref name="workers"/> threads that each run batches of up to <paramref name="maxBatch"/> items through <paramref name="process"/>.</summary>
    /// <param name="process">Scores one batch synchronously; returns one output per input, in order.</param>
    /// <param name="maxBatch">The most items in one batch (at least 1).</param>
    /// <param name="maxWait">How long a batch's first item, counted from its submission, waits for company; zero takes only what is queued.</param>
    /// <param name="queueCapacity">The most items waiting, not counting the batches being processed (at least 1).</param>
    /// <param name="workers">How many batches are processed at once, each on its own thread (at least 1).</param>
    public MicroBatcher(Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> process, int maxBatch, TimeSpan maxWait, int queueCapacity, int workers)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        // The timer behind the wait takes no more; refused here rather than ending a worker at its first batch.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxWait, TimeSpan.FromMilliseconds(int.MaxValue));
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _process = process;
        _maxBatch = maxBatch;
        _maxWait = maxWait;
        // Wait mode so TryWrite refuses when full; the other modes would silently drop an item someone awaits.
        _queue = Channel.CreateBounded<QueuedItem<TIn, TOut>>(
            new BoundedChannelOptions(queueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = workers == 1 });
        _workers = Enumerable.Range(0, workers)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        _disposal = new(StopAsync);
    }

    /// <summary>Raised on a worker thread after each successful batch, with its size and how long <c>process</c> took.</summary>
    /// <remarks>A handler that throws faults that batch's items with its exception.</remarks>
    public event Action<int, TimeSpan>? BatchProcessed;

    /// <summary>How many items wait in the queue now; a cancelled item counts until a worker passes it by.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>Queues <paramref name="item"/> without waiting for room; the task faults with <see cref="QueueFullException"/> when there is none.</summary>
    /// <remarks>Cancelling <paramref name="ct"/> before a worker takes the item cancels the task and keeps the item out of every batch;
    /// once taken, the item completes normally. An exception from <c>process</c> faults every item of its batch.</remarks>
    public Task<TOut> SubmitAsync(TIn item, CancellationToken ct = default)
    {
        if (ct.IsCancellationRequested) return Task.FromCanceled<TOut>(ct);
        var queued = new QueuedItem<TIn, TOut>(item);
        queued.CancelOn(ct);
        if (_queue.Writer.TryWrite(queued)) return queued.Result;
        queued.TryClaim(); // withdraws the cancellation registration
        return Task.FromException<TOut>(_stopping.IsCancellationRequested
            ? new ObjectDisposedException(nameof(MicroBatcher<TIn, TOut>))
            : new QueueFullException(SuggestedRetry()));
    }

    /// <summary>Stops taking items, lets the batches being processed finish, and faults the items still queued with <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    void Work()
    {
        var batch = new List<QueuedItem<TIn, TOut>>(_maxBatch);
        while (GatherBatch(batch))
        {
            Process(batch);
            batch.Clear();
        }
    }

    /// <summary>Fills <paramref name="batch"/> with at least one item; false once the batcher is stopping.</summary>
    bool GatherBatch(List<QueuedItem<TIn, TOut>> batch)
    {
        while (batch.Count == 0)
        {
            if (!WaitForItems(_stopping.Token)) return false;
            TakeQueued(batch);
        }
        var waitLeft = _maxWait - Stopwatch.GetElapsedTime(batch[0].SubmittedAt);
        if (batch.Count < _maxBatch && waitLeft > TimeSpan.Zero)
        {
            using var company = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            company.CancelAfter(waitLeft);
            while (batch.Count < _maxBatch && WaitForItems(company.Token)) TakeQueued(batch);
        }
        return true;
    }

    void TakeQueued(List<QueuedItem<TIn, TOut>> batch)
    {
        while (batch.Count < _maxBatch && !_stopping.IsCancellationRequested && _queue.Reader.TryRead(out var item))
            if (item.TryClaim()) batch.Add(item);
    }

    /// <summary>Blocks this worker until something is queued; false when <paramref name="until"/> fires first.</summary>
    bool WaitForItems(CancellationToken until)
    {
        // Blocking is what this dedicated thread is for; awaiting would move the synchronous process onto the thread pool.
        try { return _queue.Reader.WaitToReadAsync(until).AsTask().GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { return false; }
    }

    void Process(List<QueuedItem<TIn, TOut>> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outputs = _process(batch.ConvertAll(item => item.Input));
            if (outputs.Count != batch.Count)
                throw new InvalidOperationException($"The batch function returned {outputs.Count} outputs for {batch.Count} inputs.");
            var took = Stopwatch.GetElapsedTime(started);
            RememberBatchTime(took);
            // Inside the try: a throwing handler then faults this batch, where it shows, instead of ending the worker.
            BatchProcessed?.Invoke(batch.Count, took);
            for (int i = 0; i < batch.Count; i++) batch[i].Complete(outputs[i]);
        }
        catch (Exception e)
        {
            foreach (var item in batch) item.Fail(e);
        }
    }

    void RememberBatchTime(TimeSpan took)
    {
        // A moving average over roughly the last five batches. Two workers finishing at once may lose one update, which
        // only nudges a retry hint, so no lock.
        var recent = Interlocked.Read(ref _recentBatchTicks);
        Interlocked.Exchange(ref _recentBatchTicks, recent == 0 ? took.Ticks : recent + (took.Ticks - recent) / 5);
    }

    TimeSpan SuggestedRetry()
    {
        var rounds = Math.Ceiling(QueueLength / ((double)_maxBatch * _workers.Length));
        var seconds = Math.Ceiling(TimeSpan.FromTicks(Interlocked.Read(ref _recentBatchTicks)).TotalSeconds * rounds);
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    async Task StopAsync()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
        while (_queue.Reader.TryRead(out var item))
            if (item.TryClaim()) item.Fail(new ObjectDisposedException(nameof(MicroBatcher<TIn, TOut>), "The batcher was disposed before the item was processed."));
        _stopping.Dispose();
    }
}
