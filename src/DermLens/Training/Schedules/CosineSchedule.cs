namespace DermLens.Training.Schedules;

/// <summary>Cosine annealing from <paramref name="start"/> to <paramref name="end"/> over the whole run.</summary>
public sealed class CosineSchedule(double start, double end = 0) : ISchedule
{
    public double At(double progress) =>
        end + (start - end) * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1))) / 2;
}
