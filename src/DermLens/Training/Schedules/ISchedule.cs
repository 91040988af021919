namespace DermLens.Training.Schedules;

/// <summary>A learning-rate schedule as a function of training progress (0 at the start, 1 at the end), as in fastai.</summary>
public interface ISchedule
{
    double At(double progress);
}
