using DermLens.Imaging;
using DermLens.Runs;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>The top-k classes of one image, or why it could not be read.</summary>
public sealed record ImagePrediction(string Path, IReadOnlyList<(string Class, float Probability)> Top, string? Error = null);

/// <summary>Classifies image files with a run's best model, applying the run's own input transform.</summary>
public sealed class Predictor : IDisposable
{
    readonly nn.Module<Tensor, Tensor> _model;
    readonly RunConfig _config;
    readonly Device _device;
    readonly Imaging.Preprocessing.PreprocessChain _preprocess;

    /// <summary>Loads the run's model; preprocess (null: the run's stored chain) overrides the chain, see <see cref="InferencePreprocessing"/>.</summary>
    public Predictor(RunFolder run, string device = "cpu", string? preprocess = null)
    {
        _config = run.LoadConfig();
        _device = Devices.Parse(device);
        var chosen = InferencePreprocessing.For(_config, preprocess);
        _preprocess = chosen.Chain;
        PreprocessWarning = chosen.Warning;
        _model = Checkpoint.Load(run.Model, _config.Arch, _config.Classes.Count);
        _model.to(_device).eval();
    }

    public IReadOnlyList<string> Classes => _config.Classes;

    /// <summary>Set when the applied chain differs from the one the run was trained with.</summary>
    public string? PreprocessWarning { get; }

    public ImagePrediction Predict(string path, int topK = 3)
    {
        RgbImage image;
        try { image = _preprocess.Apply(ImageCodec.Decode(path)); }
        catch (ImageReadException e) { return new ImagePrediction(path, [], e.Reason); }
        catch (DermLensException e) { return new ImagePrediction(path, [], "preprocessing: " + e.Message); }

        int size = _config.Train.ImageSize;
        var input = new float[3 * size * size];
        TensorLayout.WriteChw(Resizer.ResizeCenterCrop(image, size), _config.Mean, _config.Std, input);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var probabilities = ClassificationLoss.Activation(_config.Train.Loss, _model.forward(torch.tensor(input, [1, 3, size, size]).to(_device)))
            .cpu().data<float>().ToArray();
        var top = probabilities.Select((p, i) => (Class: _config.Classes[i], Probability: p))
            .OrderByDescending(x => x.Probability).Take(Math.Min(topK, probabilities.Length)).ToList();
        return new ImagePrediction(path, top);
    }

    public void Dispose() => _model.Dispose();
}
