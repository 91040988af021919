using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DermLens.Runs;

/// <summary>
/// Classifies image files with an exported ONNX model and its sidecar, through ONNX Runtime alone (TorchSharp is never
/// started): the sidecar's preprocessing chain, resize and centre crop, the graph, then its activation, calibration,
/// prior correction and referral rule, as <see cref="Predictor"/> scores a run's one view.
/// </summary>
public sealed class OnnxPredictor : IDisposable
{
    readonly InferenceSession _session;
    readonly PreprocessChain _preprocess;

    /// <summary>Opens onnxPath and the sidecar beside it; a one-line error naming the file where either cannot be read.</summary>
    public OnnxPredictor(string onnxPath)
    {
        if (!File.Exists(onnxPath)) throw new DermLensException($"{onnxPath}: not found.");
        Sidecar = OnnxSidecar.Load(onnxPath);
        _preprocess = PreprocessChain.Parse(Sidecar.Preprocess);
        try
        {
            _session = new InferenceSession(onnxPath);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DermLensException($"{onnxPath}: ONNX Runtime cannot load it ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>What the model takes and how its scores are made.</summary>
    public OnnxSidecar Sidecar { get; }

    public IReadOnlyList<string> Classes => Sidecar.Classes;

    /// <summary>Set where the run scores differently from the one view scored here (its test-time augmentation).</summary>
    public string? Warning => Sidecar.Tta == TestTimeAugmentation.None ? null
        : $"The run scores with test-time augmentation '{Sidecar.Tta}'; the ONNX model scores one view.";

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The top-k classes of each image, in the order given; an unreadable image gets its error instead.</summary>
    public IReadOnlyList<ImagePrediction> PredictAll(IReadOnlyList<string> paths, int topK = 3)
    {
        var results = new ImagePrediction[paths.Count];
        foreach (var batch in ImageFileBatches.Read(paths, BatchSize, Prepare))
        {
            foreach (var (index, error) in batch.Failures) results[index] = new ImagePrediction(paths[index], [], error);
            if (batch.Indices.Length == 0) continue;
            var logits = Logits(batch.Images);
            for (int j = 0; j < batch.Indices.Length; j++)
            {
                var scores = OnnxScores.Scores(logits[j], Sidecar.Activation, Sidecar.Calibration, Sidecar.PriorCorrection);
                results[batch.Indices[j]] = ImagePrediction.Of(paths[batch.Indices[j]], scores, Classes, topK, Sidecar.Referral);
            }
        }
        return results;
    }

    /// <summary>The model input of a decoded photo: the sidecar's preprocessing chain, then resize to cover and centre crop.</summary>
    public RgbImage Prepare(RgbImage decoded) => Resizer.ResizeCenterCrop(_preprocess.Apply(decoded), Sidecar.InputSize);

    /// <summary>The graph's logits for prepared images, one row per image.</summary>
    public float[][] Logits(IReadOnlyList<RgbImage> images)
    {
        float[] zero = [0f, 0f, 0f], one = [1f, 1f, 1f];
        var pixels = Sidecar.NormalisationFolded ? TensorLayout.Chw(images, zero, one) : TensorLayout.Chw(images, Sidecar.Mean, Sidecar.Std);
        var input = new DenseTensor<float>(pixels, [images.Count, 3, Sidecar.InputSize.Height, Sidecar.InputSize.Width]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(Sidecar.Input, input)]);
        var values = results.Single(r => r.Name == Sidecar.Output).AsEnumerable<float>().ToArray();
        var classes = Classes.Count;
        return Enumerable.Range(0, images.Count).Select(i => values.AsSpan(i * classes, classes).ToArray()).ToArray();
    }

    RgbImage Prepare(string path) => Prepare(ImageCodec.Decode(path));

    public void Dispose() => _session.Dispose();
}
