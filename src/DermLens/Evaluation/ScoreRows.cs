using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>Rows of class scores (one per sample) through a function of an (N, classes) tensor, for corrections fitted or applied on a whole set at once.</summary>
public static class ScoreRows
{
    /// <summary>transform applied to the rows as one tensor, and its result as rows again.</summary>
    public static float[][] Map(float[][] rows, Func<Tensor, Tensor> transform)
    {
        if (rows.Length == 0) return rows;
        using var scope = NewDisposeScope();
        int classes = rows[0].Length;
        var values = transform(tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, classes])).cpu().data<float>().ToArray();
        return Enumerable.Range(0, rows.Length).Select(r => values.AsSpan(r * classes, classes).ToArray()).ToArray();
    }
}
