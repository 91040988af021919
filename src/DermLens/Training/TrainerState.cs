using System.Text.Json;

namespace DermLens.Training;

/// <summary>Where a run stands after a completed epoch: enough, with the weights and momentum, to resume it exactly.</summary>
public sealed record TrainerState
{
    public int Stage { get; init; }
    public int EpochInStage { get; init; }
    public int Epoch { get; init; }
    public int BestEpoch { get; init; }
    public double BestValue { get; init; }
    public List<EpochRecord> History { get; init; } = [];
    public List<double> LearningRates { get; init; } = [];

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static TrainerState Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"Cannot resume: {path} is missing (the run never finished an epoch).");
        try { return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)!; }
        catch (JsonException e) { throw new DermLensException($"{path}: not a valid training state ({e.Message})"); }
    }
}
