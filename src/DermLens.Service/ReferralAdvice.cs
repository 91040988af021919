using System.Globalization;
using DermLens.Evaluation;
using DermLens.Imaging;

namespace DermLens.Service;

/// <summary>
/// The service's referral decision: refer when the run's malignant probability reaches its threshold, when the model
/// is unsure (its top probability under a floor), or when the photo fails a quality check; each reason is said.
/// </summary>
public static class ReferralAdvice
{
    public static ReferAdvice For(float[] row, IReadOnlyList<string> classes, ReferralRule? rule, double lowConfidence, QualityReport quality)
    {
        var reasons = new List<string>();
        double? malignant = null;
        if (rule != null)
        {
            malignant = rule.Score(row, classes);
            if (rule.Refers(malignant.Value))
                reasons.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Malignant probability {malignant:0.00} is at or above the referral threshold {rule.Threshold:0.00} ({string.Join(", ", rule.Classes)})."));
        }
        double top = row.Max();
        if (top < lowConfidence)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"Low confidence: the most probable class has probability {top:0.00}, under {lowConfidence:0.00}."));
        foreach (var issue in quality.Issues) reasons.Add($"Photo quality: {issue.Message}");
        return new ReferAdvice(reasons.Count > 0, reasons, malignant, rule?.Threshold, rule?.Classes ?? []);
    }
}
