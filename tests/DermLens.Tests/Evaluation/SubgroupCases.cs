using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

/// <summary>Hand-made predictions lesion by lesion: each lesion's images are all right or all wrong, in a named group.</summary>
sealed class SubgroupCases(params string[] classes)
{
    readonly List<int> _truth = [];
    readonly List<float[]> _probabilities = [];
    readonly List<string> _lesions = [];
    readonly List<string> _groups = [];

    public IReadOnlyList<string> Classes => classes;
    public int[] Truth => _truth.ToArray();
    public float[][] Probabilities => _probabilities.ToArray();
    public IReadOnlyList<string> Lesions => _lesions;
    public IReadOnlyList<string> Groups => _groups;

    /// <summary>Adds lesions of one true class to a group; the first <paramref name="wrong"/> lesions are predicted as the next class.</summary>
    public SubgroupCases Add(string group, int trueClass, int lesions, int imagesPerLesion, int wrong = 0)
    {
        for (int l = 0; l < lesions; l++)
        {
            var lesion = $"{group}/{trueClass}/{l}/{_lesions.Count}";
            var predicted = l < wrong ? (trueClass + 1) % classes.Length : trueClass;
            for (int i = 0; i < imagesPerLesion; i++)
            {
                _truth.Add(trueClass);
                _probabilities.Add(Enumerable.Range(0, classes.Length).Select(c => c == predicted ? 0.9f : 0.1f / (classes.Length - 1)).ToArray());
                _lesions.Add(lesion);
                _groups.Add(group);
            }
        }
        return this;
    }

    public SubgroupTable Compute(string grouping = "sex", IReadOnlyList<string>? order = null, int resamples = 300, int seed = 0) =>
        SubgroupMetrics.Compute(Truth, Probabilities, Lesions, Classes, new Grouping(grouping, Groups, order), resamples, seed);

    /// <summary>Group A perfect; group B wrong on half of its melanoma lesions; B has more images, so it comes first.</summary>
    public static SubgroupCases PerfectAndHalfWrong() => new SubgroupCases("nevus", "melanoma")
        .Add("A", 0, 20, 2).Add("A", 1, 20, 2)
        .Add("B", 0, 30, 2).Add("B", 1, 20, 2, wrong: 10);
}
