namespace DermLens.Training;

/// <summary>Why training stopped: every epoch done, early stopping, or an interruption (Ctrl+C), with the words for the log.</summary>
public sealed record StopReason(StopKind Kind, string Text)
{
    public static StopReason Completed { get; } = new(StopKind.Completed, "completed all epochs");
    public static StopReason Interrupted { get; } = new(StopKind.Interrupted, "interrupted");

    public static StopReason EarlyStop(string metric, int patience) =>
        new(StopKind.EarlyStopped, $"early stop: validation {metric} did not improve for {patience} epochs");

    public override string ToString() => Text;
}

/// <summary>The kinds of <see cref="StopReason"/>.</summary>
public enum StopKind { Completed, EarlyStopped, Interrupted }
