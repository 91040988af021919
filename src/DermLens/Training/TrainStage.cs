using DermLens.Training.Schedules;

namespace DermLens.Training;

/// <summary>
/// One stage of a staged fit: how many epochs, the learning-rate schedule of the head group, each
/// layer group's share of that rate, and which groups train (the rest stay frozen, BatchNorm included).
/// </summary>
public sealed record TrainStage(string Name, int Epochs, ISchedule Schedule, double[] GroupLrFactors, bool[] Trainable)
{
    /// <summary>Geometric spacing from 1/spread (first group) to 1 (head), as fastai's slice(lr/spread, lr).</summary>
    public static double[] Spread(int groups, double spread) =>
        Enumerable.Range(0, groups)
            .Select(g => groups == 1 ? 1 : Math.Pow(spread, -(groups - 1 - g) / (double)(groups - 1)))
            .ToArray();
}
