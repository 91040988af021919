using System.Diagnostics;

namespace DermLens.Service;

/// <summary>One submitted input waiting in the <see cref="MicroBatcher{TIn, TOut}"/> queue, with the task its caller awaits.</summary>
/// <remarks>A worker and the caller's cancellation race for the item; whichever flips it out of waiting first owns it,
/// so a cancelled item is never processed and a taken one is never cancelled.</remarks>
internal sealed class QueuedItem<TIn, TOut>(TIn input)
{
    const int Waiting = 0, Claimed = 1, Cancelled = 2;

    readonly TaskCompletionSource<TOut> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    CancellationTokenRegistration _cancellation;
    int _state = Waiting;

    /// <summary>What the caller submitted.</summary>
    public TIn Input { get; } = input;

    /// <summary>When the item was submitted, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long SubmittedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>Completes with the item's output, or faults or cancels with what became of it.</summary>
    public Task<TOut> Result => _result.Task;

    /// <summary>Cancels the item when <paramref name="ct"/> fires while it still waits; call before the item is queued.</summary>
    public void CancelOn(CancellationToken ct)
    {
        if (ct.CanBeCanceled)
            _cancellation = ct.Register(static (item, token) => ((QueuedItem<TIn, TOut>)item!).Cancel(token), this);
    }

    /// <summary>Takes the item out of waiting (into a batch, or to be failed or withdrawn); false when its caller cancelled first.</summary>
    public bool TryClaim()
    {
        if (Interlocked.CompareExchange(ref _state, Claimed, Waiting) != Waiting) return false;
        _cancellation.Unregister();
        return true;
    }

    /// <summary>Hands the output to the caller.</summary>
    public void Complete(TOut output) => _result.SetResult(output);

    /// <summary>Faults the caller's task with <paramref name="error"/>, unless a batch that failed part-way through handing out outputs already gave it one.</summary>
    public void Fail(Exception error) => _result.TrySetException(error);

    void Cancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting) _result.SetCanceled(token);
    }
}
