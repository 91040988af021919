using DermLens.Evaluation;
using DermLens.Models;
using DermLens.Models.Onnx;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>What <see cref="ExportJob"/> wrote, and what the exported model leaves out of what the run does.</summary>
public sealed record ExportResult(string Model, string Sidecar, OnnxSidecar Description, IReadOnlyList<string> Warnings);

/// <summary>
/// Writes a run's best model (model.pt) as an ONNX file taking RGB in 0..1 (the run's normalisation folded in), with
/// a sidecar JSON holding everything else a deployer needs: classes, input size, preprocessing, activation,
/// calibration, prior correction and referral rule.
/// </summary>
public sealed class ExportJob(RunFolder run)
{
    /// <summary>The formats export writes.</summary>
    public static readonly Registry<string> Formats = new("export format", [("onnx", "onnx")]);

    /// <summary>One of <see cref="Formats"/>.</summary>
    public string Format { get; init; } = "onnx";

    /// <summary>The file to write; null: model.onnx in the run folder.</summary>
    public string? Out { get; init; }

    public ExportResult Run()
    {
        Formats.Get(Format);
        var config = run.LoadConfig();
        var path = Path.GetFullPath(Out ?? run.Onnx);
        if (Path.GetDirectoryName(path) is { } folder) Directory.CreateDirectory(folder);
        using (var network = Checkpoint.Load(run.Model, config.Arch, config.Classes.Count))
        {
            network.eval();
            OnnxExport.Write(network, config.Train.ImageSize, new Normalisation(config.Mean, config.Std), path);
        }
        var sidecar = new OnnxSidecar
        {
            Model = Path.GetFileName(path),
            Arch = config.Arch,
            Classes = config.Classes,
            Input = OnnxExport.InputName,
            Output = OnnxExport.OutputName,
            Height = config.Train.ImageSize.Height,
            Width = config.Train.ImageSize.Width,
            InputRange = "rgb 0..1 (pixel / 255)",
            Mean = config.Mean,
            Std = config.Std,
            NormalisationFolded = true,
            Preprocess = config.Preprocess,
            Resize = OnnxSidecar.ResizeCoverCentreCrop,
            Activation = config.Train.Loss == ClassificationLoss.BinaryCrossEntropy ? OnnxScores.Sigmoid : OnnxScores.Softmax,
            Calibration = config.Calibration,
            PriorCorrection = config.PriorCorrection is { Tau: > 0 } prior ? prior : null,
            Referral = config.Referral,
            Tta = config.Tta,
            Run = run.Path,
        };
        var sidecarPath = OnnxSidecar.PathFor(path);
        sidecar.Save(sidecarPath);
        return new ExportResult(path, sidecarPath, sidecar, Warnings(config));
    }

    static List<string> Warnings(RunConfig config)
    {
        var warnings = new List<string>();
        if (config.Train.Snapshots > 0)
            warnings.Add($"The run averages a snapshot ensemble of {config.Train.Snapshots}; the ONNX file holds the best checkpoint (model.pt) alone.");
        if (config.Tta != TestTimeAugmentation.None)
            warnings.Add($"The run scores with test-time augmentation '{config.Tta}'; the ONNX file, and predict --onnx, score one view.");
        return warnings;
    }
}
