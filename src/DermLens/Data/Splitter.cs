namespace DermLens.Data;

/// <summary>Makes a seeded, stratified train / validation / test split that keeps each group (e.g. a lesion) on one side
/// and respects parts the data set comes with (a preset test part stays the test part).</summary>
public static class Splitter
{
    /// <summary>What is split: one group (or one ungrouped sample) with its preset part; a group that spans preset
    /// parts is one unit per part, since the preset is the user's decision.</summary>
    sealed record Unit(string Key, string? PresetPart, List<Sample> Samples, int Label);

    public static Split Make(Dataset dataset, SplitOptions? options = null)
    {
        options ??= new SplitOptions();
        options.Validate();
        if (dataset.Samples.FirstOrDefault(s => s.PresetPart is not (null or Split.TrainPart or Split.TestPart)) is { } odd)
            throw new ArgumentException($"Sample {odd.Id} has preset part '{odd.PresetPart}'; only train and test are presets.");
        var units = Units(dataset);
        var rng = new Random(options.Seed);
        var partOf = new Dictionary<(string Key, string? Preset), string>();
        var tooFew = new List<string>();
        var trainOfClass = new List<(Unit[] Train, int Validation)>();
        bool drawsTest = options.TestFraction > 0;

        for (int label = 0; label < dataset.Classes.Count; label++)
        {
            var ofClass = units.Where(u => u.Label == label).ToList();
            var pool = ofClass.Where(u => u.PresetPart == null).ToArray();
            var presetTrain = ofClass.Where(u => u.PresetPart == Split.TrainPart).ToList();
            var presetTest = ofClass.Where(u => u.PresetPart == Split.TestPart).ToList();

            int testFromPool = (int)Math.Round(pool.Length * options.TestFraction, MidpointRounding.AwayFromZero);
            if (drawsTest && presetTest.Count == 0) testFromPool = Math.Max(testFromPool, 1);
            if (presetTrain.Count == 0) testFromPool = Math.Min(testFromPool, pool.Length - 1);
            testFromPool = Math.Clamp(testFromPool, 0, pool.Length);
            if ((drawsTest && presetTest.Count + testFromPool == 0) || presetTrain.Count + pool.Length - testFromPool == 0)
            {
                tooFew.Add(Describe(dataset.Classes[label], ofClass));
                continue;
            }

            rng.Shuffle(pool);
            var train = presetTrain.Concat(pool.Skip(testFromPool)).OrderBy(u => u.Key, StringComparer.Ordinal).ToArray();
            rng.Shuffle(train);
            int validation = Math.Min((int)Math.Round(train.Length * options.ValidationFraction, MidpointRounding.AwayFromZero),
                train.Length - 1);

            foreach (var u in presetTest.Concat(pool.Take(testFromPool))) partOf[(u.Key, u.PresetPart)] = Split.TestPart;
            trainOfClass.Add((train, validation));
        }
        // Rounding per class leaves small data sets without validation; the class with the most training units then lends one.
        if (options.ValidationFraction > 0 && trainOfClass.All(c => c.Validation == 0) && trainOfClass.Count > 0)
        {
            int lender = trainOfClass.IndexOf(trainOfClass.MaxBy(c => c.Train.Length));
            if (trainOfClass[lender].Train.Length > 1) trainOfClass[lender] = (trainOfClass[lender].Train, 1);
        }
        foreach (var (train, validation) in trainOfClass)
        {
            foreach (var u in train.Take(validation)) partOf[(u.Key, u.PresetPart)] = Split.ValidationPart;
            foreach (var u in train.Skip(validation)) partOf[(u.Key, u.PresetPart)] = Split.TrainPart;
        }
        if (tooFew.Count > 0)
            throw new DermLensException($"Too few images to put at least one of each class in train{(drawsTest ? " and one in test" : "")}: "
                + string.Join("; ", tooFew) + ". Add images, merge or drop these classes.");

        // Parts keep the data set's order, so a split does not depend on the order units were drawn in.
        var parts = dataset.Samples.ToLookup(s => partOf[(UnitKey(s), s.PresetPart)]);
        return new Split(parts[Split.TrainPart].ToList(), parts[Split.ValidationPart].ToList(), parts[Split.TestPart].ToList());
    }

    /// <summary>Units in ordinal key order, so the split depends on the seed and the ids only, not on file order.</summary>
    static List<Unit> Units(Dataset dataset) =>
        dataset.Samples.GroupBy(s => (Key: UnitKey(s), s.PresetPart))
            .Select(g => new Unit(g.Key.Key, g.Key.PresetPart, g.ToList(), MajorityLabel(g)))
            .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.PresetPart, StringComparer.Ordinal)
            .ToList();

    /// <summary>Groups and ungrouped ids live in separate key spaces, so a group named like an image id cannot merge with it.</summary>
    static string UnitKey(Sample s) => s.Group != null ? "g:" + s.Group : "i:" + s.Id;

    /// <summary>A group whose images disagree counts as its most frequent label (the lowest index on a tie).</summary>
    static int MajorityLabel(IEnumerable<Sample> samples) =>
        samples.GroupBy(s => s.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    static string Describe(string className, List<Unit> units)
    {
        int images = units.Sum(u => u.Samples.Count);
        var text = $"'{className}' has {images} image{(images == 1 ? "" : "s")}";
        if (units.Any(u => u.Samples[0].Group != null)) text += $" in {units.Count} group{(units.Count == 1 ? "" : "s")}";
        if (units.Any(u => u.PresetPart != null))
            text += $" ({units.Count(u => u.PresetPart == Split.TrainPart)} preset train, {units.Count(u => u.PresetPart == Split.TestPart)} preset test)";
        return text;
    }
}
