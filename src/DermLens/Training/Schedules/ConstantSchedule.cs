namespace DermLens.Training.Schedules;

/// <summary>The same learning rate throughout.</summary>
public sealed class ConstantSchedule(double value) : ISchedule
{
    public double At(double progress) => value;
}
