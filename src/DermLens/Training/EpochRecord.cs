namespace DermLens.Training;

/// <summary>Losses, accuracies and learning rate at the end of one epoch.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double LearningRate, double Seconds);
