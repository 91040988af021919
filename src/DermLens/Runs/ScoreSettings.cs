namespace DermLens.Runs;

/// <summary>How a run's scores are corrected after the network and screened, each null to keep what the run stores: see <see cref="ScoreCorrectionFit"/>.</summary>
public sealed record ScoreSettings
{
    /// <summary>none or temperature (fitted on the validation part).</summary>
    public string? Calibration { get; init; }
    /// <summary>none, auto (tau chosen on the validation part) or a tau.</summary>
    public string? PriorCorrection { get; init; }
    /// <summary>The classes whose summed probability the referral rule thresholds: auto, none or a list ("mel,bcc,akiec").</summary>
    public string? Malignant { get; init; }
    /// <summary>The sensitivity the referral threshold is chosen on the validation part to reach.</summary>
    public double? TargetSensitivity { get; init; }

    /// <summary>True when some setting replaces what the run stores.</summary>
    public bool ChangesAnything => Calibration != null || PriorCorrection != null || Malignant != null || TargetSensitivity != null;

    /// <summary>True when the referral rule is to be fitted again.</summary>
    public bool RefitsReferral => Malignant != null || TargetSensitivity != null;
}
