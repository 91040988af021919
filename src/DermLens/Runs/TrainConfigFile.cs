using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>
/// A run's config.json, or a file of the same keys, read as what to train (`train --config`): the data, architecture,
/// starting weights, preprocessing, split shares, TTA and training options, so that a run can be repeated from its own
/// config. Keys may be left out (the defaults apply); keys that config.json does not write are an error naming the key
/// and the file. Keys a run derives (classes, normalisation, fitted calibration, ...) are read and not used. A run whose
/// learning rate was found by the LR range test repeats the search. Relative paths are relative to the file's folder.
/// </summary>
public static class TrainConfigFile
{
    static readonly JsonSerializerOptions Strict = new(RunConfig.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // config.json always has every key; a file written by hand may hold only the ones it changes.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { type => { foreach (var p in type.Properties) p.IsRequired = false; } } },
    };

    /// <summary>The training request the file describes, writing to output.</summary>
    /// <remarks>Arch is empty where the file names none, for the caller's default.</remarks>
    public static TrainRequest Read(string path, string output)
    {
        var (config, keys) = Load(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string? Resolve(string? p) => string.IsNullOrEmpty(p) ? p : Path.GetFullPath(p, folder);
        var train = config.Train ?? new TrainOptions();
        return new TrainRequest
        {
            Data = Resolve(config.Data) ?? "",
            Format = config.Format,
            Arch = config.Arch ?? "",
            Out = output,
            Train = config.LrSearch is { } search ? train with { LearningRate = null, LrRule = search.Rule } : train,
            Pretrained = config.Pretrained,
            Weights = Resolve(config.Weights),
            Preprocess = config.Preprocess,
            Tta = config.Tta ?? Evaluation.TestTimeAugmentation.None,
            TestFraction = keys.Contains("testFraction") ? config.TestFraction : null,
            TestData = Resolve(config.TestData),
            TestFormat = config.TestFormat,
            ValidationFraction = keys.Contains("validationFraction") ? config.ValidationFraction : TrainRequest.DefaultValidationFraction,
        };
    }

    // The configuration, and the top-level keys the file has (a number left out must not read as 0).
    static (RunConfig Config, HashSet<string> Keys) Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"{path}: no such config file.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new DermLensException($"{path}: a config file is one JSON object.");
            var config = document.RootElement.Deserialize<RunConfig>(Strict)!;
            return (config, document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet());
        }
        catch (JsonException e) when (e.Message.Contains("could not be mapped"))
        {
            throw new DermLensException($"{path}: unknown key '{e.Path?.TrimStart('$', '.')}'; a config file takes the keys that a run's config.json has.");
        }
        catch (JsonException e)
        {
            throw new DermLensException($"{path}: not a valid config file ({e.Message})");
        }
    }
}
