using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>
/// A run opened to score images, the one way every verb that scores does it: its configuration with the caller's overrides,
/// its preprocessing, the photo → model input transform, and its model ready for inference: its architecture and weights, on the chosen device, in the run's memory
/// format and the chosen precision (auto: what this machine computes fastest), in eval mode; its class scores are
/// averaged over the run's test-time augmentation views and, for a snapshot ensemble, over the snapshots, then calibrated
/// and prior-corrected where the run says so.
/// </summary>
public sealed class RunModel : IDisposable
{
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>> _members;

    RunModel(RunConfig config, nn.Module<Tensor, Tensor> network, IReadOnlyList<nn.Module<Tensor, Tensor>> members,
        TestTimeAugmentation tta, Device device, Precision precision, string precisionReason, InferencePreprocessing preprocessing)
    {
        Config = config;
        Preprocess = preprocessing.Chain;
        PreprocessWarning = preprocessing.Warning;
        Network = network;
        _members = members;
        Tta = tta;
        Device = device;
        Precision = precision;
        PrecisionReason = precisionReason;
    }

    /// <summary>The run's configuration, with the overrides it was opened with.</summary>
    public RunConfig Config { get; }

    /// <summary>The preprocessing chain applied to every image scored.</summary>
    public PreprocessChain Preprocess { get; }

    /// <summary>Set when <see cref="Preprocess"/> is not the chain the run was trained with.</summary>
    public string? PreprocessWarning { get; }

    /// <summary>The model input, height x width.</summary>
    public InputSize InputSize => Config.Train.ImageSize;

    /// <summary>The best checkpoint's network (model.pt), in eval mode on <see cref="Device"/>: the one explanations look into.</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    /// <summary>The views each image is scored in (the run's --tta).</summary>
    public TestTimeAugmentation Tta { get; }

    /// <summary>How many networks the scores average: the snapshots of a snapshot ensemble, else 1.</summary>
    public int MemberCount => _members.Count;

    public Device Device { get; }

    /// <summary>What the network computes in.</summary>
    public Precision Precision { get; }

    /// <summary>Why that precision (asked for, or what auto found), for the log.</summary>
    public string PrecisionReason { get; }

    /// <summary>
    /// Opens the run with the options' overrides of its stored TTA, snapshots, preprocessing and score corrections; log
    /// receives how corrections other than the stored ones were fitted.
    /// </summary>
    public static RunModel Open(RunFolder run, InferenceOptions? options = null, Action<string>? log = null)
    {
        options ??= new InferenceOptions();
        var config = run.LoadConfig();
        config = config with
        {
            Tta = options.Tta ?? config.Tta,
            Train = config.Train with { Snapshots = options.Snapshots ?? config.Train.Snapshots },
        };
        if (options.Scoring.ChangesAnything)
        {
            var dataset = DataSources.Open(config.Data, config.Format);
            config = ScoreCorrectionFit.Resolve(options.Scoring, run, config, dataset, Split.Load(run.Split, dataset),
                options.Device, options.Precision, log ?? (_ => { }));
        }
        return Load(run, options.Device, options.Precision, config, options.Preprocess);
    }

    /// <summary>
    /// Loads model.pt of the run, and its last snapshots when it was trained as a snapshot ensemble; config (null: the
    /// run's config.json) may carry overrides the caller applied (e.g. another --tta); preprocess (null: config's) another chain.
    /// </summary>
    public static RunModel Load(RunFolder run, string device = "cpu", string precision = "auto", RunConfig? config = null, string? preprocess = null)
    {
        config ??= run.LoadConfig();
        var preprocessing = InferencePreprocessing.For(config, preprocess);
        // Loaders built from the config (evaluation, case studies) apply the chain chosen here.
        config = config with { Preprocess = preprocessing.Chain.ToString() };
        var tta = TestTimeAugmentation.Parse(config.Tta);
        tta.CheckFits(config.Train.ImageSize.Height, config.Train.ImageSize.Width);
        var onDevice = Devices.Parse(device);
        var (chosen, reason) = PrecisionChoice.Resolve(precision, onDevice);
        var loaded = new List<nn.Module<Tensor, Tensor>>();
        try
        {
            var files = new List<string> { run.Model };
            if (config.Train.Snapshots > 0) files.AddRange(SnapshotFiles.Members(run, config.Train.Snapshots));
            foreach (var file in files)
            {
                var network = Checkpoint.Load(file, config.Arch, config.Classes.Count);
                loaded.Add(network);
                network.to(onDevice).eval();
                if (config.Train.ChannelsLast) ChannelsLast.Apply(network);
                MixedPrecision.ApplyForInference(network, chosen);
            }
        }
        catch
        {
            foreach (var network in loaded) network.Dispose();
            throw;
        }
        IReadOnlyList<nn.Module<Tensor, Tensor>> members = loaded.Count == 1 ? loaded : loaded.Skip(1).ToArray();
        return new RunModel(config, loaded[0], members, tta, onDevice, chosen, reason, preprocessing);
    }

    /// <summary>The model input of a decoded photo: the preprocessing chain, then resize to cover and centre crop.</summary>
    public RgbImage Prepare(RgbImage decoded) => Resizer.ResizeCenterCrop(Preprocess.Apply(decoded), InputSize);

    /// <summary>Image files as model inputs, a batch at a time (see <see cref="ImageFileBatches"/>).</summary>
    public IEnumerable<ImageFileBatch> ReadFiles(IReadOnlyList<string> paths, int batchSize) =>
        ImageFileBatches.Read(paths, batchSize, path => Prepare(ImageCodec.Decode(path)));

    /// <summary>Prepared images as one normalised (N, 3, H, W) batch on <see cref="Device"/>.</summary>
    public Tensor Input(IReadOnlyList<RgbImage> images)
    {
        var host = tensor(TensorLayout.Chw(images, Config.Mean, Config.Std), [images.Count, 3, InputSize.Height, InputSize.Width]);
        if (Device.type == DeviceType.CPU) return host;
        using (host) return host.to(Device);
    }

    /// <summary>Each image's class scores (see <see cref="Probabilities"/>), a batch of batchSize at a time.</summary>
    public float[][] ProbabilityRows(Tensor images, int batchSize = 16)
    {
        var rows = new List<float[]>();
        using var noGrad = no_grad();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var scores = Probabilities(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))).cpu();
            int classes = (int)scores.shape[1];
            var values = scores.data<float>().ToArray();
            for (int r = 0; r < scores.shape[0]; r++) rows.Add(values.AsSpan(r * classes, classes).ToArray());
        }
        return rows.ToArray();
    }

    /// <summary>The k most probable classes of one row of scores, most probable first.</summary>
    public (string Class, float Probability)[] Top(float[] row, int k) =>
        row.Select((p, c) => (Class: Config.Classes[c], Probability: p))
            .OrderByDescending(t => t.Probability).Take(Math.Min(k, row.Length)).ToArray();

    /// <summary>
    /// Class scores for a batch of normalised images: softmax, or sigmoid for a BCE run, averaged over the TTA views and
    /// the ensemble's members, then the run's temperature and prior correction; fp32 on the model's device.
    /// </summary>
    public Tensor Probabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Corrected(RawProbabilities(images)).MoveToOuterDisposeScope();
    }

    /// <summary>The scores of <see cref="Probabilities"/> before the run's temperature and prior correction: what those are fitted on.</summary>
    public Tensor RawProbabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        var onDevice = images.to(Device);
        Tensor? sum = null;
        foreach (var member in _members)
        {
            var scores = Tta.Average(onDevice, view => ClassificationLoss.Activation(Config.Train.Loss, member.call(view)));
            sum = sum is null ? scores : sum.add_(scores);
        }
        if (_members.Count > 1)
        {
            using var count = ((double)_members.Count).ToScalar();
            sum!.div_(count);
        }
        return sum!.MoveToOuterDisposeScope();
    }

    /// <summary>Raw scores with the run's temperature (unless calibrated is false) and then its prior correction applied.</summary>
    public Tensor Corrected(Tensor raw, bool calibrated = true)
    {
        var scaling = calibrated ? Config.Calibration : null;
        var prior = Config.PriorCorrection is { Tau: > 0 } correction ? correction : null;
        if (scaling == null && prior == null) return raw;
        using var scope = NewDisposeScope();
        var scores = scaling?.Apply(raw, Config.Train.Loss == ClassificationLoss.BinaryCrossEntropy) ?? raw;
        if (prior != null) scores = prior.Apply(scores);
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Corrected(Tensor, bool)"/> on rows of raw scores, e.g. a whole test set's.</summary>
    public float[][] Corrected(float[][] raw, bool calibrated = true) => ScoreRows.Map(raw, scores => Corrected(scores, calibrated));

    public void Dispose()
    {
        Network.Dispose();
        foreach (var member in _members)
            if (!ReferenceEquals(member, Network)) member.Dispose();
    }
}
