using System.Collections.Concurrent;
using System.Diagnostics;
using DermLens.Service;

namespace DermLens.Tests.Service;

public sealed class MicroBatcherTests : IAsyncLifetime
{
    // Generous: only a broken batcher gets near it, and a hang then fails instead of stalling the run.
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    readonly GatedTimesTen _process = new();
    readonly List<MicroBatcher<int, int>> _batchers = [];

    MicroBatcher<int, int> Batcher(int maxBatch = 8, TimeSpan maxWait = default, int queueCapacity = 16, int workers = 1,
        Func<IReadOnlyList<int>, IReadOnlyList<int>>? process = null)
    {
        var batcher = new MicroBatcher<int, int>(process ?? _process.Run, maxBatch, maxWait, queueCapacity, workers);
        _batchers.Add(batcher);
        return batcher;
    }

    /// <summary>Submits <paramref name="blocker"/> and returns once the worker holds it behind the closed gate.</summary>
    async Task<Task<int>> OccupyWorker(MicroBatcher<int, int> batcher, int blocker = 100)
    {
        var result = batcher.SubmitAsync(blocker);
        await _process.BatchStarted().WaitAsync(Patience);
        return result;
    }

    [Fact]
    public async Task Eight_concurrent_submits_queued_behind_a_busy_worker_go_as_one_batch()
    {
        var batcher = Batcher(maxBatch: 8);
        var blocker = await OccupyWorker(batcher);
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Task.Factory.StartNew(() => batcher.SubmitAsync(i), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)));
        Assert.Equal(8, batcher.QueueLength);
        _process.Open();
        await Task.WhenAll(results).WaitAsync(Patience);
        Assert.Equal([1, 8], _process.Batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(1, 8), _process.Batches.Last().Order());
        Assert.Equal(1000, await blocker);
    }

    [Fact]
    public async Task Outputs_go_back_to_the_callers_that_submitted_the_inputs()
    {
        _process.Open();
        var batcher = Batcher(maxBatch: 4, maxWait: TimeSpan.FromMilliseconds(5), queueCapacity: 64, workers: 2);
        var inputs = Enumerable.Range(1, 40).ToList();
        var outputs = await Task.WhenAll(inputs.Select(i => Task.Run(() => batcher.SubmitAsync(i)))).WaitAsync(Patience);
        Assert.Equal(inputs.Select(i => i * 10), outputs);
        Assert.All(_process.Batches, b => Assert.InRange(b.Length, 1, 4));
    }

    [Fact]
    public async Task A_lone_item_goes_once_max_wait_has_passed()
    {
        _process.Open();
        var maxWait = TimeSpan.FromMilliseconds(150);
        var batcher = Batcher(maxWait: maxWait);
        var clock = Stopwatch.StartNew();
        Assert.Equal(70, await batcher.SubmitAsync(7).WaitAsync(Patience));
        Assert.True(clock.Elapsed >= maxWait - TimeSpan.FromMilliseconds(50), $"processed after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal([[7]], _process.Batches);
    }

    [Fact]
    public async Task The_first_item_waits_for_company_and_a_full_batch_goes_at_once()
    {
        _process.Open();
        var batcher = Batcher(maxBatch: 2, maxWait: TimeSpan.FromSeconds(30));
        var first = batcher.SubmitAsync(1);
        while (batcher.QueueLength > 0) await Task.Delay(1); // the worker has taken it and waits for company
        var second = batcher.SubmitAsync(2);
        var outputs = await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.Equal([10, 20], outputs);
        Assert.Equal([[1, 2]], _process.Batches);
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_with_a_retry_hint()
    {
        var batcher = Batcher(maxBatch: 1, queueCapacity: 2);
        var blocker = await OccupyWorker(batcher);
        var queued = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2) };
        var refused = batcher.SubmitAsync(3);
        Assert.True(refused.IsFaulted);
        var error = await Assert.ThrowsAsync<QueueFullException>(() => refused);
        Assert.True(error.RetryAfter >= TimeSpan.FromSeconds(1));
        _process.Open();
        var outputs = await Task.WhenAll(queued).WaitAsync(Patience);
        Assert.Equal([10, 20], outputs);
        Assert.Equal(1000, await blocker);
    }

    [Fact]
    public async Task An_exception_in_process_faults_its_batch_only()
    {
        const int Poison = -1;
        var poisoned = new InvalidOperationException("undecodable image");
        var batcher = Batcher(process: inputs => inputs.Contains(Poison) ? throw poisoned : _process.Run(inputs));
        var blocker = await OccupyWorker(batcher);
        var failing = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(Poison), batcher.SubmitAsync(2) };
        _process.Open();
        foreach (var item in failing)
            Assert.Same(poisoned, await Assert.ThrowsAsync<InvalidOperationException>(() => item.WaitAsync(Patience)));
        Assert.Equal(1000, await blocker);
        Assert.Equal(30, await batcher.SubmitAsync(3).WaitAsync(Patience));
    }

    [Fact]
    public async Task Cancelling_before_pickup_cancels_that_item_and_leaves_it_out_of_the_batch()
    {
        var batcher = Batcher();
        var blocker = await OccupyWorker(batcher);
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.SubmitAsync(1, cancel.Token);
        var kept = batcher.SubmitAsync(2);
        cancel.Cancel();
        Assert.True(cancelled.IsCanceled);
        _process.Open();
        Assert.Equal(20, await kept.WaitAsync(Patience));
        Assert.Equal(1000, await blocker);
        Assert.Equal([[100], [2]], _process.Batches);
    }

    [Fact]
    public async Task Cancelling_after_pickup_lets_the_item_complete()
    {
        var batcher = Batcher();
        using var cancel = new CancellationTokenSource();
        var taken = batcher.SubmitAsync(4, cancel.Token);
        await _process.BatchStarted().WaitAsync(Patience);
        cancel.Cancel();
        _process.Open();
        Assert.Equal(40, await taken.WaitAsync(Patience));
    }

    [Fact]
    public async Task Batch_processed_reports_each_batch_size()
    {
        var batcher = Batcher();
        var sizes = new ConcurrentQueue<int>();
        batcher.BatchProcessed += (size, _) => sizes.Enqueue(size);
        var blocker = await OccupyWorker(batcher);
        var queued = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2), batcher.SubmitAsync(3) };
        _process.Open();
        await Task.WhenAll(queued.Append(blocker)).WaitAsync(Patience);
        Assert.Equal([1, 3], sizes);
    }

    [Fact]
    public async Task Dispose_finishes_the_running_batch_and_faults_the_queued_items()
    {
        var batcher = Batcher();
        var running = await OccupyWorker(batcher);
        var queued = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2) };
        var disposing = batcher.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        _process.Open();
        await disposing.WaitAsync(Patience);
        Assert.Equal(1000, await running);
        foreach (var item in queued) await Assert.ThrowsAsync<ObjectDisposedException>(() => item);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.SubmitAsync(3));
        Assert.Equal([[100]], _process.Batches);
    }

    [Fact]
    public void Nonsensical_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher(maxBatch: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher(maxWait: TimeSpan.FromMilliseconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher(queueCapacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher(workers: 0));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Opening the gate first lets a test that failed with its worker held still shut its batcher down.
    public async Task DisposeAsync()
    {
        _process.Open();
        foreach (var batcher in _batchers) await batcher.DisposeAsync();
    }

    /// <summary>A batch function that returns input × 10, records every batch, and holds each one until the gate opens.</summary>
    sealed class GatedTimesTen
    {
        readonly ManualResetEventSlim _gate = new();
        readonly SemaphoreSlim _started = new(0);
        readonly ConcurrentQueue<int[]> _batches = new();

        public IReadOnlyList<int[]> Batches => [.. _batches];

        public IReadOnlyList<int> Run(IReadOnlyList<int> inputs)
        {
            _batches.Enqueue([.. inputs]);
            _started.Release();
            _gate.Wait();
            return inputs.Select(i => i * 10).ToList();
        }

        public Task BatchStarted() => _started.WaitAsync();

        public void Open() => _gate.Set();
    }
}
