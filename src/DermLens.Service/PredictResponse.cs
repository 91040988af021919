using DermLens.Imaging;

namespace DermLens.Service;

/// <summary>The answer of POST /api/predict: what the model sees in the photo, whether to refer it, and how good the photo is.</summary>
/// <param name="Top">The most probable classes, calibrated probabilities, most probable first.</param>
/// <param name="Input">The photo's size as uploaded, before preprocessing.</param>
/// <param name="Notice">Shown with every answer: the service screens, it does not diagnose.</param>
public sealed record PredictResponse(ModelSummary Model, IReadOnlyList<ClassProbability> Top, ReferAdvice Refer, QualitySummary Quality,
    PixelSize Input, Timings Timings, string Notice);

/// <summary>Which model answered: the run's name and weights fingerprint, its architecture and classes.</summary>
public sealed record ModelSummary(string Id, string Arch, IReadOnlyList<string> Classes);

/// <summary>One class and its probability.</summary>
public sealed record ClassProbability(string Class, double Probability);

/// <summary>Whether to refer the photo to a clinician, and every reason that says so.</summary>
/// <param name="MalignantProbability">The summed probability of the run's malignant classes; null where the run has no referral rule.</param>
/// <param name="Threshold">The run's referral threshold, chosen on validation for its target sensitivity; null without a rule.</param>
public sealed record ReferAdvice(bool Refer, IReadOnlyList<string> Reasons, double? MalignantProbability, double? Threshold,
    IReadOnlyList<string> MalignantClasses);

/// <summary>The photo quality checks: Ok when none failed.</summary>
public sealed record QualitySummary(bool Ok, IReadOnlyList<QualityIssue> Issues);

/// <summary>An image size in pixels.</summary>
public sealed record PixelSize(int Width, int Height);

/// <summary>Where the request's time went: reading, decoding and preparing the photo; waiting for a batch and answering (the
/// quality checks run meanwhile); the batch's model pass; all of it.</summary>
public sealed record Timings(double DecodeMs, double QueueMs, double ModelMs, double TotalMs);

/// <summary>GET /api/model: what is served and how well it did on its test part.</summary>
public sealed record ModelDescription(string Id, string Arch, IReadOnlyList<string> Classes, string ImageSize, string Preprocess, string Tta,
    double? Temperature, Evaluation.ReferralRule? Referral, string TrainingData, TestMetrics? TestMetrics);

/// <summary>The run's headline test figures, from its metrics.json.</summary>
public sealed record TestMetrics(int Images, double Accuracy, double BalancedAccuracy, double? MacroAuc);
