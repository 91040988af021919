using DermLens.Evaluation;
using DermLens.Runs;

namespace DermLens.Tests.Runs;

/// <summary>An exported run scores photos through ONNX Runtime as the run itself does, from the ONNX file and its sidecar alone.</summary>
[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class ExportJobTests(TrainedRun trained)
{
    [Fact]
    public void The_sidecar_describes_the_run_and_onnx_predictions_match_the_runs_own()
    {
        var folder = trained.Scratch("export");
        var result = new ExportJob(trained.Run) { Out = Path.Combine(folder, "lesions.onnx") }.Run();
        Assert.True(File.Exists(result.Model));
        Assert.Equal(result.Model + ".json", result.Sidecar);

        var config = trained.Run.LoadConfig();
        var sidecar = OnnxSidecar.Load(result.Model);
        Assert.Equal(config.Classes, sidecar.Classes);
        Assert.Equal(config.Train.ImageSize, sidecar.InputSize);
        Assert.Equal(config.Preprocess, sidecar.Preprocess);
        Assert.Equal(OnnxScores.Sigmoid, sidecar.Activation);
        Assert.True(sidecar.NormalisationFolded);
        Assert.Equal(config.Mean, sidecar.Mean);
        Assert.Equal(config.Calibration, sidecar.Calibration);
        Assert.Equal(config.Referral!.Threshold, sidecar.Referral!.Threshold);
        Assert.Equal(config.Referral.Classes, sidecar.Referral.Classes);

        var images = Directory.GetFiles(Path.Combine(config.Data), "*.png", SearchOption.AllDirectories).Take(12).Append("missing.png").ToArray();
        IReadOnlyList<ImagePrediction> expected, actual;
        using (var predictor = new Predictor(trained.Run, new InferenceOptions { Precision = "fp32" }))
            expected = predictor.PredictAll(images, topK: 3);
        using (var onnx = new OnnxPredictor(result.Model))
            actual = onnx.PredictAll(images, topK: 3);
        for (var i = 0; i < images.Length; i++)
        {
            Assert.Equal(expected[i].Error, actual[i].Error);
            Assert.Equal(expected[i].Top.Select(t => t.Class), actual[i].Top.Select(t => t.Class));
            Assert.All(expected[i].Top.Zip(actual[i].Top), p => Assert.Equal(p.First.Probability, p.Second.Probability, 4));
            Assert.Equal(expected[i].Referral?.Refer, actual[i].Referral?.Refer);
            Assert.Equal(expected[i].Referral?.MalignantScore ?? 0, actual[i].Referral?.MalignantScore ?? 0, 4);
        }
        Assert.NotNull(actual[0].Referral);
    }

    [Fact]
    public void An_onnx_file_without_its_sidecar_is_one_clear_error()
    {
        var folder = trained.Scratch("bare");
        Directory.CreateDirectory(folder);
        var model = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(model, [1, 2, 3]);
        var error = Assert.Throws<DermLensException>(() => new OnnxPredictor(model));
        Assert.Contains("model.onnx.json: not found", error.Message);
        Assert.Throws<DermLensException>(() => new ExportJob(trained.Run) { Format = "tflite" }.Run());
    }
}
