namespace DermLens.Tests.Evaluation;

/// <summary>Seeded synthetic predictions of a five-class skin-lesion model: better than chance, not perfect, with tied probabilities.</summary>
static class ScreeningPredictions
{
    public static readonly string[] Classes = ["akiec", "bcc", "bkl", "mel", "nv"];
    public static readonly string[] Malignant = ["akiec", "bcc", "mel"];

    public static (int[] Truth, float[][] Probabilities) Make(int count, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, count).Select(_ => random.Next(Classes.Length)).ToArray();
        var probabilities = truth.Select(t =>
        {
            // Weights on a coarse grid so that many samples tie on a class's probability.
            var weights = Enumerable.Range(0, Classes.Length).Select(c => random.Next(1, 5) + (c == t ? random.Next(0, 6) : 0)).ToArray();
            float total = weights.Sum();
            return weights.Select(w => w / total).ToArray();
        }).ToArray();
        return (truth, probabilities);
    }
}
