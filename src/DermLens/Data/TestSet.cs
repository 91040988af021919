namespace DermLens.Data;

/// <summary>Data scored by a model trained on other data: its classes are matched to the training classes by name, and
/// as a test set it may share no image or group (lesion) with the training data, since a test image seen in training
/// inflates the metrics.</summary>
public static class TestSet
{
    /// <summary>The samples of <paramref name="data"/> labelled by their class's index in <paramref name="classes"/>; fails
    /// on a class not among them (lacking some of them is fine).</summary>
    public static IReadOnlyList<Sample> Relabel(Dataset data, IReadOnlyList<string> classes, string name)
    {
        var unknown = data.Classes.Where(c => !classes.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new DermLensException($"{name} has classes the training data does not have: {string.Join(", ", unknown)}. " +
                                        $"Training classes: {string.Join(", ", classes)}.");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        return data.Samples.Select(s => s with { Label = index[data.Classes[s.Label]] }).ToList();
    }

    /// <summary>Fails when a sample of <paramref name="test"/> has the image id or the group of a training sample.</summary>
    public static void CheckNoLeakage(Dataset training, string trainingName, Dataset test, string testName)
    {
        var ids = training.Samples.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var groups = training.Samples.Select(s => s.Group).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var shared = test.Samples.Where(s => ids.Contains(s.Id) || (s.Group != null && groups.Contains(s.Group))).ToList();
        if (shared.Count == 0) return;
        var example = shared[0];
        var what = ids.Contains(example.Id) ? $"image {example.Id}" : $"image {example.Id} of group {example.Group}";
        throw new DermLensException($"{shared.Count} test image{(shared.Count == 1 ? "" : "s")} of {testName} share an image id or a group " +
                                    $"(lesion) with the training data {trainingName}, e.g. {what}; remove them from one side, " +
                                    "since a test image seen in training inflates the metrics.");
    }
}
