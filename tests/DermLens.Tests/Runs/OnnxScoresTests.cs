using DermLens.Evaluation;
using DermLens.Runs;
using static TorchSharp.torch;

namespace DermLens.Tests.Runs;

/// <summary>predict --onnx turns logits into the scores a run reports exactly as the tensor code of <see cref="RunModel"/> does.</summary>
public class OnnxScoresTests
{
    static readonly float[][] Logits = [[2.5f, -1f, 0.3f, 4f], [-3f, -2.5f, 9f, 0.1f], [0f, 0f, 0f, 0f]];
    static readonly TemperatureScaling Calibration = new(1.7);
    static readonly PriorCorrection Prior = new(0.6, [0.5f, 0.3f, 0.15f, 0.05f]);

    [Theory]
    [InlineData(OnnxScores.Softmax)]
    [InlineData(OnnxScores.Sigmoid)]
    public void Activation_calibration_and_prior_correction_match_the_tensor_versions(string activation)
    {
        var sigmoid = activation == OnnxScores.Sigmoid;
        float[][] expected;
        using (NewDisposeScope())
        {
            var logits = tensor(Logits.SelectMany(r => r).ToArray(), [Logits.Length, 4]);
            var scores = Prior.Apply(Calibration.Apply(sigmoid ? logits.sigmoid() : logits.softmax(1), sigmoid));
            expected = ScoreRows.Map(Logits, _ => scores);
        }
        for (var row = 0; row < Logits.Length; row++)
        {
            var actual = OnnxScores.Scores(Logits[row], activation, Calibration, Prior);
            for (var c = 0; c < 4; c++) Assert.Equal(expected[row][c], actual[c], 5);
        }
    }

    [Fact]
    public void Without_corrections_the_scores_are_the_activation()
    {
        var scores = OnnxScores.Scores([1f, 2f, 3f], OnnxScores.Softmax, null, null);
        Assert.Equal(1f, scores.Sum(), 5);
        Assert.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), scores[2], 5);
        Assert.Throws<DermLensException>(() => OnnxScores.Scores([1f], "tanh", null, null));
    }
}
