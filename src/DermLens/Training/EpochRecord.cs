namespace DermLens.Training;

/// <summary>What one training epoch achieved; the trainer appends one per epoch and the curves plot them.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="TrainAccuracy">Training accuracy over the epoch, 0..1.</param>
/// <param name="ValidationLoss">Validation loss after the epoch; NaN when there is no validation set.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch, 0..1; NaN when there is no validation set.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch (of the head group when groups differ).</param>
/// <param name="Seconds">Wall-clock seconds the epoch took.</param>
/// <param name="ValidationBalancedAccuracy">Mean recall over the classes of the validation set; NaN without one.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss,
    double ValidationAccuracy, double LearningRate, double Seconds, double ValidationBalancedAccuracy = double.NaN);
