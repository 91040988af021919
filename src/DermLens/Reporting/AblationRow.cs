namespace DermLens.Reporting;

/// <summary>One trained setting of an ablation: test accuracy and balanced accuracy, test size, best epoch, wall time.</summary>
public sealed record AblationRow(string Setting, int Seed, double Accuracy, double BalancedAccuracy, int TestImages, int BestEpoch, TimeSpan Elapsed);
