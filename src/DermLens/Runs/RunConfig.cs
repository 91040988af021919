using System.Text.Json;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>Everything needed to rebuild a run's model and data later: saved as config.json.</summary>
public sealed record RunConfig
{
    public required string Data { get; init; }
    public required string Format { get; init; }
    public required string Arch { get; init; }
    /// <summary>Whether training started from the architecture's ImageNet weights (train --pretrained).</summary>
    public bool Pretrained { get; init; }
    /// <summary>The checkpoint training started from (train --weights), as a full path; null for none.</summary>
    public string? Weights { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
    public required TrainOptions Train { get; init; }
    /// <summary>Set when the learning rate was automatic (--lr auto): what the LR range test found; Train then holds the rate chosen.</summary>
    public LrSearch? LrSearch { get; init; }
    /// <summary>The preprocessing chain (e.g. "fov,gamma=auto,illumination"); training, evaluation and prediction all apply it.</summary>
    public string Preprocess { get; init; } = "none";
    /// <summary>Test-time augmentation that evaluate, predict and the service score images with: see <see cref="Evaluation.TestTimeAugmentation"/>.</summary>
    public string Tta { get; init; } = Evaluation.TestTimeAugmentation.None;
    /// <summary>Temperature scaling fitted on the validation part (train --calibration), applied before the prior correction
    /// wherever the run scores images; null: uncalibrated (a run trained before calibration existed, or --calibration none).</summary>
    public Evaluation.TemperatureScaling? Calibration { get; init; }
    /// <summary>The screening rule (train --malignant, --target-sensitivity): refer when the malignant classes' summed probability
    /// reaches a threshold chosen on the validation part; null where the run has no malignant classes.</summary>
    public Evaluation.ReferralRule? Referral { get; init; }
    /// <summary>Post-hoc prior correction that every scoring of the run applies (train --prior-correction); null: none.</summary>
    public Evaluation.PriorCorrection? PriorCorrection { get; init; }
    public double TestFraction { get; init; }
    /// <summary>The separate test set the run was evaluated on (train --test-data), for provenance: no verb reads it from here,
    /// except train --resume, which finishes that same evaluation.</summary>
    public string? TestData { get; init; }
    /// <summary>The format <see cref="TestData"/> was read as.</summary>
    public string? TestFormat { get; init; }
    public double ValidationFraction { get; init; }
    public string CreatedUtc { get; init; } = DateTime.UtcNow.ToString("O");

    /// <summary>The index of a class named in any case; a one-line error listing the classes when the run has none of that name.</summary>
    public int ClassIndex(string className)
    {
        var index = Classes.ToList().FindIndex(c => string.Equals(c, className, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new DermLensException($"The run has no class '{className}'. Classes: {string.Join(", ", Classes)}.");
    }

    /// <summary>The classes screened as malignant: the referral rule's, else HAM10000's malignant diagnoses where the classes
    /// hold them (--malignant auto); null for none.</summary>
    public IReadOnlyList<string>? ScreenedClasses() => Referral?.Classes ?? Evaluation.ReferralRule.Resolve(Evaluation.ReferralRule.Auto, Classes);

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static RunConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json)
                   ?? throw new DermLensException($"{path}: empty run configuration");
        }
        catch (JsonException e)
        {
            throw new DermLensException($"{path}: not a valid run configuration ({e.Message})");
        }
    }
}
