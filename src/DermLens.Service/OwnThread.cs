namespace DermLens.Service;

/// <summary>Runs libtorch work on a thread started for it, which ends with the work and takes its OpenMP team along.</summary>
/// <remarks>libtorch keeps an OpenMP team for every thread that has run a parallel operation, for the rest of that thread's
/// life. Once the teams hold more threads than the machine has cores, OpenMP stops spinning between operations and every
/// pass of the scoring thread waits for sleeping threads: on 2 threads, a pass on a second thread took 11.1-12.5 ms against
/// 5.7-8.5 ms on the only one. Loading and heat maps run here, so that the batcher's thread keeps the only lasting team.</remarks>
public static class OwnThread
{
    /// <summary>Runs work on a new thread and waits for the thread to end.</summary>
    public static T Run<T>(Func<T> work)
    {
        var (result, thread) = Start(work);
        thread.Join();
        return result.GetAwaiter().GetResult();
    }

    /// <summary>Runs work on a new thread; the task completes when the work does.</summary>
    public static Task<T> RunAsync<T>(Func<T> work) => Start(work).Result;

    static (Task<T> Result, Thread Thread) Start<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { result.SetResult(work()); }
            catch (Exception e) { result.SetException(e); }
        }) { Name = "DermLens libtorch", IsBackground = true };
        thread.Start();
        return (result.Task, thread);
    }
}
