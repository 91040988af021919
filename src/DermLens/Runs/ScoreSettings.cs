namespace DermLens.Runs;

/// <summary>How a run's scores are corrected after the network, each null to keep what the run stores: see <see cref="ScoreCorrectionFit"/>.</summary>
public sealed record ScoreSettings
{
    /// <summary>none or temperature (fitted on the validation part).</summary>
    public string? Calibration { get; init; }
    /// <summary>none, auto (tau chosen on the validation part) or a tau.</summary>
    public string? PriorCorrection { get; init; }

    /// <summary>True when some setting replaces what the run stores.</summary>
    public bool ChangesAnything => Calibration != null || PriorCorrection != null;
}
