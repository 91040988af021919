using System.Text.Json;
using System.Text.Json.Serialization;

namespace DermLens.Evaluation;

/// <summary>The most sensitive operating point whose specificity reaches a target (see <see cref="OperatingPoints.AtSpecificity"/>).</summary>
/// <param name="Threshold">The lowest malignant score referred; +∞ (written "Infinity") where only referring nobody reaches the target.</param>
public sealed record SpecificityOperatingPoint(double TargetSpecificity, double Threshold, double Sensitivity, double Specificity);

/// <summary>What a fitted <see cref="ReferralRule"/> does on a set.</summary>
/// <param name="Sensitivity">Share of malignant samples referred; null where the set has none.</param>
/// <param name="Specificity">Share of benign samples not referred; null where the set has none.</param>
/// <param name="ReferRate">Share of all samples referred: the workload the rule sends on.</param>
public sealed record ReferralOutcome(double TargetSensitivity, double Threshold, double? Sensitivity, double? Specificity, double ReferRate);

/// <summary>
/// How a classifier screens on one labelled set when a lesion's malignant score is the summed probability of a set of
/// malignant classes; saved as a run folder's screening.json.
/// </summary>
/// <param name="MalignantClasses">The malignant classes, in the model's class order.</param>
/// <param name="Count">Samples scored.</param>
/// <param name="MalignantCount">Samples whose true class is malignant.</param>
/// <param name="Auc">Malignant-vs-rest ROC AUC of the malignant score; null without both malignant and benign samples.</param>
/// <param name="AtSpecificity">One point per <see cref="TargetSpecificities"/> entry; empty where AUC is null.</param>
/// <param name="Referral">The rule fitted on validation predictions, applied to this set; null when none was given.</param>
public sealed record ScreeningReport(
    IReadOnlyList<string> MalignantClasses,
    int Count,
    int MalignantCount,
    double? Auc,
    IReadOnlyList<SpecificityOperatingPoint> AtSpecificity,
    ReferralOutcome? Referral)
{
    /// <summary>The specificities screening is reported at.</summary>
    public static readonly IReadOnlyList<double> TargetSpecificities = [0.80, 0.90, 0.95];

    // A threshold of +∞ is meaningful (refer nobody), so it is written as the string "Infinity", not refused.
    static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>
    /// Screens probability rows against true labels with the malignant score of <paramref name="malignant"/>; a
    /// <paramref name="referral"/> rule must be on the same classes.
    /// </summary>
    public static ScreeningReport Compute(int[] truth, float[][] probabilities, IReadOnlyList<string> classes,
        IReadOnlyList<string> malignant, ReferralRule? referral = null)
    {
        if (truth.Length == 0) throw new DermLensException("No samples to screen.");
        var indices = ReferralRule.ClassIndices(malignant, classes);
        if (referral != null && !ReferralRule.ClassIndices(referral.Classes, classes).SequenceEqual(indices))
            throw new ArgumentException($"The referral rule is on {string.Join(", ", referral.Classes)}, " +
                                        $"not on the malignant classes {string.Join(", ", malignant)}.", nameof(referral));
        var (scores, isMalignant) = ReferralRule.MalignantVersusRest(truth, probabilities, indices);
        var points = TargetSpecificities
            .Select(target => OperatingPoints.AtSpecificity(scores, isMalignant, target) is { } p
                ? new SpecificityOperatingPoint(target, p.Threshold, p.Sensitivity, p.Specificity) : null)
            .OfType<SpecificityOperatingPoint>().ToArray();
        return new ScreeningReport(indices.Select(c => classes[c]).ToArray(), truth.Length, isMalignant.Count(m => m),
            RankAuc.Compute(scores, isMalignant), points, referral == null ? null : Outcome(referral, scores, isMalignant));
    }

    static ReferralOutcome Outcome(ReferralRule rule, double[] scores, bool[] isMalignant)
    {
        int malignant = 0, benign = 0, referredMalignant = 0, referredBenign = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            var referred = rule.Refers(scores[i]);
            if (isMalignant[i]) { malignant++; if (referred) referredMalignant++; }
            else { benign++; if (referred) referredBenign++; }
        }
        return new ReferralOutcome(rule.TargetSensitivity, rule.Threshold,
            malignant == 0 ? null : (double)referredMalignant / malignant,
            benign == 0 ? null : (double)(benign - referredBenign) / benign,
            (double)(referredMalignant + referredBenign) / scores.Length);
    }

    /// <summary>Writes the report as indented JSON; undefined values are null, never NaN.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>The report as the indented, camelCase JSON that <see cref="Save"/> writes.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a saved report; throws naming the file when it is missing or not a report.</summary>
    public static ScreeningReport Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"{path}: screening file not found.");
        try
        {
            return JsonSerializer.Deserialize<ScreeningReport>(File.ReadAllText(path), JsonOptions)
                ?? throw new DermLensException($"{path}: screening file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new DermLensException($"{path}: not a valid screening file ({e.Message}).", e);
        }
    }
}
