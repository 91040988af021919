namespace DermLens.Training;

/// <summary>What a training run did: per-epoch history, the best epoch, why it stopped, per-iteration LRs.</summary>
public sealed record TrainResult(IReadOnlyList<EpochRecord> History, int BestEpoch, StopReason StopReason, IReadOnlyList<double> LearningRates);
