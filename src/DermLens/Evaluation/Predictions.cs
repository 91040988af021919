using DermLens.Data;

namespace DermLens.Evaluation;

/// <summary>Class probabilities for a list of samples, beside their true labels.</summary>
public sealed record Predictions(IReadOnlyList<Sample> Samples, int[] Truth, float[][] Probabilities)
{
    public int[] Predicted => Probabilities.Select(ArgMax).ToArray();

    public static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
