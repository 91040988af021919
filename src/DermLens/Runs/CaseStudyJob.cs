using System.Globalization;
using CsvHelper;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Models;
using DermLens.Reporting;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>One panel written by a case study: the image, its true and predicted class, the probabilities captioned, and the file.</summary>
public sealed record CaseStudyEntry(ConfusedPair Pair, string Id, string True, string Predicted,
    IReadOnlyList<(string Class, float Probability)> Top, float TrueProbability, string Panel);

/// <summary>What a case study wrote: the pairs covered, whether the error threshold was met, the panels and index.csv.</summary>
public sealed record CaseStudyResult(string Folder, string Index, IReadOnlyList<ConfusedPair> Pairs, bool BelowThreshold,
    IReadOnlyList<CaseStudyEntry> Entries);

/// <summary>
/// The `casestudy` verb as a library call: from a run's test predictions, the most-confused class pairs and, for
/// misclassified images of each, one panel: original | Grad-CAM for the predicted class | Grad-CAM for the true class |
/// contrastive CAM (predicted minus true) | Guided Backprop | Guided Grad-CAM (the research system's pair) | the default heat map
/// (<see cref="DefaultExplanation"/>) for the predicted class, captioned with the top-2 probabilities.
/// Images go through the run's own pipeline (preprocessing chain, working size, centre crop, normalisation), exactly
/// as evaluation feeds them, so the captions reproduce predictions.csv.
/// </summary>
public sealed class CaseStudyJob(RunFolder run)
{
    /// <summary>The index file in a case-study folder (by default <see cref="RunFolder.CaseStudies"/>).</summary>
    public const string IndexName = "index.csv";

    /// <summary>Pairs need at least this many errors, both directions together (the study's threshold).</summary>
    public int MinErrors { get; init; } = 5;
    /// <summary>Most misclassified images shown per direction of a pair.</summary>
    public int PerDirection { get; init; } = 3;
    /// <summary>Pairs shown when none reaches <see cref="MinErrors"/>.</summary>
    public int FallbackPairs { get; init; } = 3;
    /// <summary>Most pairs studied, the most confused first; default all that reach <see cref="MinErrors"/>.</summary>
    public int MaxPairs { get; init; } = int.MaxValue;
    /// <summary>Output folder; default RUN/casestudy.</summary>
    public string? Output { get; init; }
    /// <summary>CAM layer by module name; default the architecture's own.</summary>
    public string? TargetLayer { get; init; }
    public string Device { get; init; } = "cpu";
    /// <summary>auto, fp32 or bf16: what the model computes in.</summary>
    public string Precision { get; init; } = "auto";
    /// <summary>Receives human-readable events.</summary>
    public Action<string> Message { get; init; } = _ => { };

    public CaseStudyResult Run(CancellationToken ct = default)
    {
        var config = run.LoadConfig();
        var predictionsFile = run.Predictions;
        if (!File.Exists(predictionsFile))
        {
            Message($"{Path.GetFileName(predictionsFile)} is missing: evaluating the test split first.");
            new EvaluationJob(run, dataOverride: null) { Message = Message, Options = new InferenceOptions { Device = Device, Precision = Precision } }.Run(ct);
        }
        var plan = CaseStudySelection.Choose(PredictionsCsv.Load(predictionsFile, config.Classes), config.Classes,
            MinErrors, PerDirection, FallbackPairs, MaxPairs);
        var folder = Path.GetFullPath(Output ?? run.CaseStudies);
        Directory.CreateDirectory(folder);
        var dataset = DataSources.Open(config.Data, config.Format);
        using var model = RunModel.Open(run, new InferenceOptions { Device = Device, Precision = Precision });
        var images = Load(plan.Picks, dataset, model, predictionsFile);
        var entries = images.Count == 0 ? [] : Explain(images, model, folder, ct);
        var index = Path.Combine(folder, IndexName);
        SaveIndex(entries, index);
        return new CaseStudyResult(folder, index, plan.Pairs, plan.BelowThreshold, entries);
    }

    /// <summary>The picks' images as evaluation sees them (the model input, before normalisation); unreadable ones are reported and left out.</summary>
    List<(CaseStudyPick Pick, RgbImage Shown)> Load(IReadOnlyList<CaseStudyPick> picks, Dataset dataset, RunModel model, string predictionsFile)
    {
        var config = model.Config;
        var byId = dataset.Samples.ToDictionary(s => s.Id);
        var cache = PipelineFactory.Cache(dataset, config);
        var loaded = new List<(CaseStudyPick, RgbImage)>();
        foreach (var pick in picks)
        {
            if (!byId.TryGetValue(pick.Row.Id, out var sample))
                throw new DermLensException($"{predictionsFile} lists '{pick.Row.Id}', which is not in the run's data ({config.Data}). " +
                                            $"It was evaluated on other data; run dermlens evaluate --run {run.Path} to score the test split again.");
            var image = cache.Get(sample);
            if (image == null)
                Message($"Skipped {sample.Location}: {cache.Unreadable.GetValueOrDefault(sample.Location, "unreadable")}");
            else
                loaded.Add((pick, Resizer.ResizeCenterCrop(image, model.InputSize)));
        }
        return loaded;
    }

    List<CaseStudyEntry> Explain(List<(CaseStudyPick Pick, RgbImage Shown)> images, RunModel model, string folder, CancellationToken ct)
    {
        var config = model.Config;
        var size = model.InputSize;
        var plane = size.Plane;
        var predicted = images.Select(x => (ExplanationTarget)new ClassTarget(x.Pick.Row.Predicted)).ToList();
        var truth = images.Select(x => (ExplanationTarget)new ClassTarget(x.Pick.Row.True)).ToList();
        var contrast = images.Select(x => (ExplanationTarget)new ContrastTarget(x.Pick.Row.Predicted, x.Pick.Row.True)).ToList();

        var network = model.Network;
        var gradCam = new GradCam(network, Interpretation.TargetLayer.NameFor(ModelRegistry.Get(config.Arch), TargetLayer));
        using var input = model.Input(images.Select(x => x.Shown).ToList());
        var probabilities = model.ProbabilityRows(input);
        ct.ThrowIfCancellationRequested();
        var maps = new[]
        {
            Values(gradCam.Explain(input, predicted)), Values(gradCam.Explain(input, truth)), Values(gradCam.Explain(input, contrast)),
            Values(new GuidedBackprop(network).Explain(input, predicted)), Values(new GuidedGradCam(gradCam).Explain(input, predicted)),
            Values(DefaultExplanation.Create(network, ModelRegistry.Get(config.Arch)).Explain(input, predicted)),
        };

        var entries = new List<CaseStudyEntry>();
        for (var i = 0; i < images.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (pick, shown) = images[i];
            var (trueName, predictedName) = (config.Classes[pick.Row.True], config.Classes[pick.Row.Predicted]);
            var top = model.Top(probabilities[i], 2);
            var tiles = new[]
            {
                new PanelTile("Original", $"true: {trueName}", shown),
                new PanelTile("Grad-CAM", $"predicted: {predictedName}", Overlay.Blend(shown, maps[0].AsSpan(i * plane, plane))),
                new PanelTile("Grad-CAM", $"true: {trueName}", Overlay.Blend(shown, maps[1].AsSpan(i * plane, plane))),
                new PanelTile("Contrastive CAM", $"{predictedName} − {trueName}", Overlay.Blend(shown, maps[2].AsSpan(i * plane, plane))),
                new PanelTile("Guided Backprop", $"predicted: {predictedName}", Overlay.Gradients(maps[3].AsSpan(i * 3 * plane, 3 * plane), size.Width, size.Height)),
                new PanelTile("Guided Grad-CAM", $"predicted: {predictedName}", Overlay.Gradients(maps[4].AsSpan(i * 3 * plane, 3 * plane), size.Width, size.Height)),
                new PanelTile(DefaultExplanation.Title, $"predicted: {predictedName}", Overlay.Blend(shown, maps[5].AsSpan(i * plane, plane))),
            };
            var number = entries.Count(e => e.True == trueName && e.Predicted == predictedName) + 1;
            var file = $"{Slug(trueName)}-as-{Slug(predictedName)}-{number:D2}.png";
            var panel = CaseStudyPanel.Compose(tiles, CaseStudyPanel.Caption(trueName, top),
                $"{pick.Row.Id}   ·   {pick.Pair.A} / {pick.Pair.B}: {pick.Pair.Count} test errors");
            ImageCodec.SavePng(panel, Path.Combine(folder, file));
            entries.Add(new CaseStudyEntry(pick.Pair, pick.Row.Id, trueName, predictedName, top, probabilities[i][pick.Row.True], file));
        }
        return entries;
    }

    static float[] Values(Tensor map)
    {
        using (map) return map.data<float>().ToArray();
    }

    /// <summary>File-name form of a class: lower case, anything but letters and digits as hyphens.</summary>
    static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');

    static void SaveIndex(IReadOnlyList<CaseStudyEntry> entries, string path) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, options: null, leaveOpen: true);
        csv.WriteRecord(["pair", "pair_errors", "image", "true", "predicted", "p1", "second", "p2", "p_true", "panel"]);
        foreach (var e in entries)
            csv.WriteRecord([$"{e.Pair.A} / {e.Pair.B}", e.Pair.Count.ToString(CultureInfo.InvariantCulture), e.Id, e.True, e.Predicted,
                Number(e.Top[0].Probability), e.Top.Count > 1 ? e.Top[1].Class : "", e.Top.Count > 1 ? Number(e.Top[1].Probability) : "",
                Number(e.TrueProbability), e.Panel]);
    });

    static string Number(float value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
