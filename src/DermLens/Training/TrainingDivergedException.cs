namespace DermLens.Training;

/// <summary>The loss became NaN or infinite; training stopped and the last good checkpoint, if any, was kept.</summary>
public sealed class TrainingDivergedException(int epoch, int step, string? checkpoint)
    : DermLensException($"Training diverged: the loss became NaN or infinite at epoch {epoch}, step {step}. " +
                        (checkpoint == null ? "No checkpoint had been saved yet. " : $"The last good checkpoint is kept at {checkpoint}. ") +
                        "Try a lower learning rate.");
