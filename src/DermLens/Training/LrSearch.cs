namespace DermLens.Training;

/// <summary>What the LR range test of a run with an automatic learning rate found, and the rule that chose the rate from
/// it: config.json keeps it beside the rate, so a reader sees the rate was found, not given.</summary>
public sealed record LrSearch(string Rule, double Valley, double Steepest, double Minimum, double Chosen, double Seconds)
{
    /// <summary>The sweep's suggestions with the rate the rule picks.</summary>
    public static LrSearch Of(LrFinderResult sweep, string rule, TimeSpan took) =>
        new(LrRules.Check(rule), sweep.Valley, sweep.Steepest, sweep.Minimum, sweep.Suggested(rule), took.TotalSeconds);
}
