namespace DermLens.Training;

/// <summary>The validation metric that early stopping and the best checkpoint follow, and which way is better.</summary>
public sealed record EarlyStopping(string Name, Func<EpochRecord, double> Of, bool HigherIsBetter)
{
    /// <summary>The metrics by the name <c>--early-stop</c> takes.</summary>
    public static readonly Registry<EarlyStopping> All = new("early-stopping metric", new EarlyStopping[]
    {
        new("loss", e => e.ValidationLoss, false),
        new("accuracy", e => e.ValidationAccuracy, true),
        new("balanced-accuracy", e => e.ValidationBalancedAccuracy, true),
    }.Select(m => (m.Name, m)));

    public static EarlyStopping Parse(string name) => All.Get(name);

    /// <summary>True when <paramref name="value"/> beats <paramref name="best"/> by more than float noise (0.01%).</summary>
    public bool Improves(double value, double best)
    {
        if (double.IsNaN(best)) return !double.IsNaN(value);
        double margin = Math.Abs(best) * 1e-4;
        return HigherIsBetter ? value > best + margin : value < best - margin;
    }
}
