namespace DermLens.Runs;

/// <summary>How a run's model is opened to score images: on what device, in what precision, and what to use instead of
/// what the run stores (null: the run's own).</summary>
public sealed record InferenceOptions
{
    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>auto, fp32 or bf16 (see <see cref="Training.PrecisionChoice"/>).</summary>
    public string Precision { get; init; } = "auto";
    /// <summary>Another preprocessing chain, applied with a warning: see <see cref="InferencePreprocessing"/>.</summary>
    public string? Preprocess { get; init; }
    /// <summary>Another test-time augmentation: none, flips or dihedral.</summary>
    public string? Tta { get; init; }
    /// <summary>How many of the run's last snapshots to average (0: the best checkpoint alone).</summary>
    public int? Snapshots { get; init; }
    /// <summary>Other score corrections than the run's: calibration, prior correction.</summary>
    public ScoreSettings Scoring { get; init; } = new();
}
