using DermLens.Training.Schedules;

namespace DermLens.Training;

/// <summary>
/// One stage of a staged fit: how many epochs, the learning-rate schedule of the head group, each
/// layer group's share of that rate, and which groups train (the rest stay frozen, BatchNorm included).
/// </summary>
public sealed record TrainStage(string Name, int Epochs, ISchedule Schedule, double[] GroupLrFactors, bool[] Trainable)
{
    /// <summary>
    /// Whether the network after this 1-based epoch of the stage may become the best checkpoint or end the run early:
    /// every epoch, except that with SGDR only the last epoch of each cycle counts. A warm restart raises the loss by
    /// design; judged mid-cycle, patience stopped runs at the start of their longest cycle (SGDR's snapshots are its cycle ends).
    /// </summary>
    public bool IsSnapshotEpoch(int epoch)
    {
        if (epoch >= Epochs || Schedule is not SgdrSchedule sgdr) return true;
        double from = (epoch - 1) / (double)Epochs, to = epoch / (double)Epochs;
        return sgdr.CycleStarts.Skip(1).Any(restart => restart > from + 1e-12 && restart <= to + 1e-12);
    }

    /// <summary>Geometric spacing from 1/spread (first group) to 1 (head), as fastai's slice(lr/spread, lr).</summary>
    public static double[] Spread(int groups, double spread) =>
        Enumerable.Range(0, groups)
            .Select(g => groups == 1 ? 1 : Math.Pow(spread, -(groups - 1 - g) / (double)(groups - 1)))
            .ToArray();
}
