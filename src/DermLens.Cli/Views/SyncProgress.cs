namespace DermLens.Cli.Views;

/// <summary>An IProgress that reports on the caller's thread (System.Progress posts asynchronously).</summary>
sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
