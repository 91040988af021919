namespace DermLens.Evaluation;

/// <summary>
/// A screening rule: refer a lesion when its malignant score, the summed probability of the malignant classes, is at
/// least <paramref name="Threshold"/>, a threshold chosen on validation predictions to reach a target sensitivity.
/// </summary>
/// <param name="Classes">The malignant classes, named as the model names them, in its class order.</param>
/// <param name="TargetSensitivity">The sensitivity, in (0, 1], the threshold was chosen to reach.</param>
/// <param name="Threshold">The lowest malignant score referred.</param>
public sealed record ReferralRule(IReadOnlyList<string> Classes, double TargetSensitivity, double Threshold)
{
    /// <summary>--malignant auto: <see cref="DermoscopyMalignant"/> where the classes include them all, else none; none: no screening.</summary>
    public const string Auto = "auto", None = "none";

    /// <summary>The sensitivity a referral threshold is fitted for unless told otherwise.</summary>
    public const double DefaultTargetSensitivity = 0.95;

    /// <summary>HAM10000's and ISIC 2018's malignant diagnoses: actinic keratosis / intraepithelial carcinoma, basal cell carcinoma, melanoma.</summary>
    public static readonly IReadOnlyList<string> DermoscopyMalignant = ["akiec", "bcc", "mel"];

    /// <summary>The malignant classes a --malignant value names (auto, none or a class list); null for none.</summary>
    public static IReadOnlyList<string>? Resolve(string value, IReadOnlyList<string> allClasses) => value.Trim().ToLowerInvariant() switch
    {
        None => null,
        Auto => DermoscopyMalignant.All(name => IndexOf(name, allClasses) >= 0) ? ParseClasses(string.Join(',', DermoscopyMalignant), allClasses) : null,
        _ => ParseClasses(value, allClasses),
    };

    /// <summary>The summed probability of the classes at <paramref name="classIndices"/>: how malignant the model finds the lesion.</summary>
    public static double MalignantScore(float[] row, IReadOnlyList<int> classIndices) => classIndices.Sum(c => (double)row[c]);

    /// <summary>The malignant score of a probability row whose columns are <paramref name="allClasses"/>.</summary>
    public double Score(float[] row, IReadOnlyList<string> allClasses)
    {
        if (row.Length != allClasses.Count)
            throw new ArgumentException($"A row of {row.Length} probabilities for {allClasses.Count} classes.", nameof(row));
        return MalignantScore(row, ClassIndices(Classes, allClasses));
    }

    /// <summary>Whether a malignant score reaches the threshold.</summary>
    public bool Refers(double malignantScore) => malignantScore >= Threshold;

    /// <summary>Whether the rule refers a probability row whose columns are <paramref name="allClasses"/>.</summary>
    public bool Refer(float[] row, IReadOnlyList<string> allClasses) => Refers(Score(row, allClasses));

    /// <summary>
    /// The rule whose threshold is the highest that refers at least <paramref name="targetSensitivity"/> of the
    /// malignant samples among the given (validation) predictions, by <see cref="OperatingPoints.AtSensitivity"/>;
    /// throws when they lack malignant or benign samples.
    /// </summary>
    public static ReferralRule Fit(IReadOnlyList<string> malignant, int[] truth, float[][] probabilities,
        IReadOnlyList<string> allClasses, double targetSensitivity)
    {
        CheckTargetSensitivity(targetSensitivity);
        var indices = ClassIndices(malignant, allClasses);
        var (scores, isMalignant) = MalignantVersusRest(truth, probabilities, indices);
        var classes = indices.Select(c => allClasses[c]).ToArray();
        var point = OperatingPoints.AtSensitivity(scores, isMalignant, targetSensitivity) ?? throw new DermLensException(
            isMalignant.Contains(true)
                ? $"Every sample the referral threshold is fitted on is of a malignant class ({string.Join(", ", classes)}); it needs benign ones too."
                : $"No sample the referral threshold is fitted on is of a malignant class ({string.Join(", ", classes)}).");
        return new ReferralRule(classes, targetSensitivity, point.Threshold);
    }

    /// <summary>
    /// The classes of a <c>--malignant</c> value such as "mel,bcc,akiec", matched case-insensitively and returned as
    /// the model names them, in its class order; throws naming unknown classes, or when none or all are named.
    /// </summary>
    public static IReadOnlyList<string> ParseClasses(string value, IReadOnlyList<string> allClasses)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
            throw new DermLensException($"--malignant names no class; give some of: {string.Join(", ", allClasses)}.");
        var unknown = names.Where(n => IndexOf(n, allClasses) < 0).ToArray();
        if (unknown.Length > 0)
            throw new DermLensException($"--malignant: unknown class{(unknown.Length > 1 ? "es" : "")} " +
                                        $"{string.Join(", ", unknown.Select(n => $"'{n}'"))}; the classes are {string.Join(", ", allClasses)}.");
        var indices = ClassIndices(names, allClasses);
        if (indices.Length == allClasses.Count)
            throw new DermLensException("--malignant names every class; leave at least one benign class to screen against.");
        return indices.Select(c => allClasses[c]).ToArray();
    }

    /// <summary>Throws unless a target sensitivity lies in (0, 1]: none at all would refer nobody.</summary>
    public static void CheckTargetSensitivity(double target)
    {
        if (!(target > 0 && target <= 1))
            throw new DermLensException($"Target sensitivity {target} is outside (0, 1]; give a share such as 0.95.");
    }

    /// <summary>The columns of the classes in <paramref name="allClasses"/>, ascending; throws naming a class the model lacks.</summary>
    /// <remarks>Ascending, so a score is summed in one order wherever it is computed and a threshold fitted on one
    /// sum is compared with the same sum, bit for bit.</remarks>
    internal static int[] ClassIndices(IReadOnlyList<string> classes, IReadOnlyList<string> allClasses) =>
        classes.Select(name => IndexOf(name, allClasses) is var c and >= 0 ? c
            : throw new DermLensException($"Malignant class '{name}' is not one of the model's classes ({string.Join(", ", allClasses)})."))
            .Distinct().Order().ToArray();

    /// <summary>Each sample's malignant score beside whether its true class is malignant.</summary>
    internal static (double[] Scores, bool[] IsMalignant) MalignantVersusRest(int[] truth, float[][] probabilities, IReadOnlyList<int> classIndices)
    {
        if (truth.Length != probabilities.Length)
            throw new ArgumentException($"{truth.Length} true labels but {probabilities.Length} probability rows.");
        return (probabilities.Select(row => MalignantScore(row, classIndices)).ToArray(), truth.Select(classIndices.Contains).ToArray());
    }

    static int IndexOf(string name, IReadOnlyList<string> allClasses)
    {
        for (int c = 0; c < allClasses.Count; c++)
            if (string.Equals(allClasses[c], name, StringComparison.OrdinalIgnoreCase)) return c;
        return -1;
    }
}
