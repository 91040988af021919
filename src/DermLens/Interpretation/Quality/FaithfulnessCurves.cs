namespace DermLens.Interpretation.Quality;

/// <summary>Per image, the target probability after each deletion and insertion step (steps + 1 points, from 0 to all pixels changed).</summary>
public sealed record FaithfulnessCurves(IReadOnlyList<float[]> Deletion, IReadOnlyList<float[]> Insertion)
{
    /// <summary>Area under each image's deletion curve: lower is more faithful.</summary>
    public double[] DeletionAuc => Deletion.Select(Auc).ToArray();

    /// <summary>Area under each image's insertion curve: higher is more faithful.</summary>
    public double[] InsertionAuc => Insertion.Select(Auc).ToArray();

    /// <summary>Trapezoid rule over evenly spaced points on the fraction of pixels changed, 0 to 1.</summary>
    public static double Auc(IReadOnlyList<float> curve)
    {
        if (curve.Count < 2) throw new DermLensException($"An AUC needs at least two curve points, got {curve.Count}.");
        var sum = 0.0;
        for (var i = 1; i < curve.Count; i++) sum += (curve[i - 1] + curve[i]) / 2.0;
        return sum / (curve.Count - 1);
    }
}
