using System.Text.Json;
using System.Text.Json.Serialization;
using DermLens.Evaluation;
using DermLens.Imaging;

namespace DermLens.Runs;

/// <summary>
/// The JSON written beside an exported ONNX model: what its input is, what its output means, and how the run turns a
/// photo into that input and the output into scores, so a deployer (or predict --onnx) needs nothing else of the run.
/// </summary>
public sealed record OnnxSidecar
{
    /// <summary>The sidecar's format and version.</summary>
    public const string CurrentFormat = "dermlens-onnx/1";

    public string Format { get; init; } = CurrentFormat;
    /// <summary>The ONNX file's name, beside the sidecar.</summary>
    public required string Model { get; init; }
    public required string Arch { get; init; }
    /// <summary>Class names in output order.</summary>
    public required IReadOnlyList<string> Classes { get; init; }
    /// <summary>The graph input's name; (N, 3, height, width) fp32, RGB.</summary>
    public required string Input { get; init; }
    /// <summary>The graph output's name; (N, classes) logits before <see cref="Activation"/>.</summary>
    public required string Output { get; init; }
    /// <summary>The input's height in pixels.</summary>
    public required int Height { get; init; }
    /// <summary>The input's width in pixels.</summary>
    public required int Width { get; init; }
    /// <summary><see cref="Height"/> x <see cref="Width"/>.</summary>
    [JsonIgnore] public InputSize InputSize => new(Height, Width);
    /// <summary>What the input's pixel values are: "rgb 0..1" where the normalisation is folded into the graph.</summary>
    public required string InputRange { get; init; }
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
    /// <summary>True: the graph computes (x - mean) / std itself; the caller feeds pixel / 255.</summary>
    public required bool NormalisationFolded { get; init; }
    /// <summary>The run's preprocessing chain, applied to the decoded photo before resizing.</summary>
    public required string Preprocess { get; init; }
    /// <summary>How the preprocessed photo becomes the input size.</summary>
    public required string Resize { get; init; }
    /// <summary>softmax, or sigmoid for a run trained with BCE.</summary>
    public required string Activation { get; init; }
    /// <summary>Temperature scaling applied to the activated scores, then <see cref="PriorCorrection"/>; null: none.</summary>
    public TemperatureScaling? Calibration { get; init; }
    public PriorCorrection? PriorCorrection { get; init; }
    /// <summary>The screening rule on the corrected scores; null: the run screens nothing.</summary>
    public ReferralRule? Referral { get; init; }
    /// <summary>The run's test-time augmentation, which the graph does not apply (it scores one view).</summary>
    public required string Tta { get; init; }
    /// <summary>The run folder exported.</summary>
    public required string Run { get; init; }
    public string CreatedUtc { get; init; } = DateTime.UtcNow.ToString("O");

    /// <summary>The resize <see cref="Resize"/> names: scale to cover the input size, then crop its centre.</summary>
    public const string ResizeCoverCentreCrop = "cover-center-crop";

    /// <summary>Where the sidecar of an ONNX file lives: "model.onnx" has "model.onnx.json".</summary>
    public static string PathFor(string onnxPath) => onnxPath + ".json";

    static readonly JsonSerializerOptions Json = new(RunConfig.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The sidecar of onnxPath; a one-line error naming the file when it is missing or not one.</summary>
    public static OnnxSidecar Load(string onnxPath)
    {
        var path = PathFor(onnxPath);
        if (!File.Exists(path))
            throw new DermLensException($"{path}: not found; 'dermlens export' writes it beside the ONNX file, and predict --onnx needs it.");
        try
        {
            var sidecar = JsonSerializer.Deserialize<OnnxSidecar>(File.ReadAllText(path), Json)
                ?? throw new DermLensException($"{path}: empty sidecar.");
            return sidecar.Format == CurrentFormat ? sidecar
                : throw new DermLensException($"{path}: sidecar format '{sidecar.Format}', this DermLens reads '{CurrentFormat}'.");
        }
        catch (JsonException e)
        {
            throw new DermLensException($"{path}: not a DermLens ONNX sidecar ({e.Message})");
        }
    }
}
