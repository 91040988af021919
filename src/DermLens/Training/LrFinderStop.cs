namespace DermLens.Training;

/// <summary>Why an LR range test ended.</summary>
public enum LrFinderStop
{
    /// <summary>Every iteration ran; the sweep reached the end LR.</summary>
    Completed,
    /// <summary>The smoothed loss rose above the divergence factor times its minimum, or became NaN or infinite.</summary>
    Diverged,
    /// <summary>Cancelled by the caller.</summary>
    Interrupted,
}
