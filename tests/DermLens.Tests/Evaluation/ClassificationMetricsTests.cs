using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class ClassificationMetricsTests
{
    static readonly string[] Classes = ["A", "B", "C"];
    static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];

    // Predictions (argmax): A A A B | B B C | C C A, so the matrix is A [3 1 0], B [0 2 1], C [1 0 2].
    // No top probability sits on a 1/15 bin edge.
    static readonly float[][] Probabilities =
    [
        [0.70f, 0.20f, 0.10f],
        [0.62f, 0.28f, 0.10f],
        [0.50f, 0.30f, 0.20f],
        [0.40f, 0.50f, 0.10f],
        [0.10f, 0.85f, 0.05f],
        [0.30f, 0.62f, 0.08f],
        [0.40f, 0.15f, 0.45f],
        [0.05f, 0.10f, 0.85f],
        [0.20f, 0.10f, 0.70f],
        [0.55f, 0.05f, 0.40f],
    ];

    const int Precision = 6;

    static ClassificationMetrics Compute(int topK = 2) => ClassificationMetrics.Compute(Truth, Probabilities, Classes, topK);

    [Fact]
    public void Accuracies_match_hand_counts()
    {
        var m = Compute();
        Assert.Equal(10, m.Count);
        Assert.Equal(0.7, m.Top1Accuracy, Precision);
        Assert.Equal(2, m.TopK);
        // Only sample 6 (B scored 0.15 under A 0.40 and C 0.45) misses the top 2.
        Assert.Equal(0.9, m.TopKAccuracy, Precision);
        Assert.Equal(1.0, Compute(topK: 5).TopKAccuracy, Precision);
        Assert.Equal(3, Compute(topK: 5).TopK);
        Assert.Equal((0.75 + 2.0 / 3 + 2.0 / 3) / 3, m.BalancedAccuracy, Precision);
    }

    [Fact]
    public void Per_class_values_match_hand_counts()
    {
        var a = Compute().PerClass[0];
        Assert.Equal(("A", 4, 4), (a.Class, a.Support, a.Predicted));
        Assert.Equal(0.75, a.Precision!.Value, Precision);  // 3 of 4 predicted A
        Assert.Equal(0.75, a.Recall!.Value, Precision);     // 3 of 4 true A
        Assert.Equal(a.Recall, a.Sensitivity);
        Assert.Equal(5.0 / 6, a.Specificity!.Value, Precision); // of 6 non-A, one (sample 9) predicted A
        Assert.Equal(0.75, a.F1!.Value, Precision);

        var b = Compute().PerClass[1];
        Assert.Equal(2.0 / 3, b.Precision!.Value, Precision);
        Assert.Equal(2.0 / 3, b.Recall!.Value, Precision);
        Assert.Equal(6.0 / 7, b.Specificity!.Value, Precision);
        Assert.Equal(2.0 / 3, b.F1!.Value, Precision);
        Assert.Equal((0.75 + 2.0 / 3 + 2.0 / 3) / 3, Compute().MacroF1, Precision);
    }

    [Fact]
    public void One_vs_rest_auc_matches_pair_counts_with_a_tie()
    {
        var m = Compute();
        // A: positives 0.70 0.62 0.50 0.40 vs negatives 0.10 0.30 0.40 0.05 0.20 0.55 -> 6 + 6 + 5 + 4.5 (tie at 0.40) of 24.
        Assert.Equal(21.5 / 24, m.PerClass[0].Auc!.Value, Precision);
        // B: positives 0.85 0.62 0.15 vs seven negatives, 0.15 beats three of them -> 17 of 21.
        Assert.Equal(17.0 / 21, m.PerClass[1].Auc!.Value, Precision);
        // C: positives 0.85 0.70 0.40 vs seven negatives, 0.40 loses only to 0.45 -> 20 of 21.
        Assert.Equal(20.0 / 21, m.PerClass[2].Auc!.Value, Precision);
        Assert.Equal((21.5 / 24 + 17.0 / 21 + 20.0 / 21) / 3, m.MacroAuc!.Value, Precision);
    }

    [Fact]
    public void Calibration_and_log_loss_match_hand_computation()
    {
        var m = Compute();
        // Bins: {0.45 wrong} {0.50 right, 0.50 wrong} {0.55 wrong} {0.62, 0.62 right} {0.70, 0.70 right} {0.85, 0.85 right}.
        var ece = 0.1 * 0.45 + 0.2 * 0 + 0.1 * 0.55 + 0.2 * 0.38 + 0.2 * 0.30 + 0.2 * 0.15;
        Assert.Equal(ece, m.ExpectedCalibrationError, Precision);
        double[] truthProbability = [0.70, 0.62, 0.50, 0.40, 0.85, 0.62, 0.15, 0.85, 0.70, 0.40];
        Assert.Equal(truthProbability.Average(p => -Math.Log(p)), m.LogLoss, Precision);
    }

    [Fact]
    public void Confusion_matrix_and_pairs_come_with_the_metrics()
    {
        var m = Compute();
        Assert.Equal([3, 1, 0], m.ConfusionMatrix.Counts[0]);
        Assert.Equal([1, 0, 2], m.ConfusionMatrix.Counts[2]);
        Assert.Equal(["A/B", "B/C", "C/A"], m.ConfusedPairs.Select(p => $"{p.A}/{p.B}"));
    }

    [Fact]
    public void Balanced_accuracy_exposes_a_classifier_that_ignores_the_rare_class()
    {
        var truth = new[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 };
        var probabilities = truth.Select(_ => new[] { 0.9f, 0.1f }).ToArray();
        var m = ClassificationMetrics.Compute(truth, probabilities, ["common", "rare"]);
        Assert.Equal(0.8, m.Top1Accuracy, Precision);
        Assert.Equal(0.5, m.BalancedAccuracy, Precision);
        Assert.Equal(0.0, m.PerClass[1].Recall!.Value);
        Assert.Null(m.PerClass[1].Precision);
        Assert.Equal(0.0, m.PerClass[1].F1!.Value);
        Assert.Equal(0.5, m.PerClass[1].Auc!.Value); // constant scores
    }

    [Fact]
    public void A_class_absent_from_the_truth_has_null_recall_and_auc_and_is_left_out_of_the_means()
    {
        int[] truth = [0, 0, 1, 1];
        float[][] probabilities = [[0.8f, 0.1f, 0.1f], [0.1f, 0.1f, 0.8f], [0.1f, 0.8f, 0.1f], [0.2f, 0.7f, 0.1f]];
        var m = ClassificationMetrics.Compute(truth, probabilities, ["x", "y", "z"]);
        var z = m.PerClass[2];
        Assert.Equal((0, 1), (z.Support, z.Predicted));
        Assert.Null(z.Recall);
        Assert.Null(z.Auc);
        Assert.Equal(0.0, z.Precision!.Value);
        Assert.Equal(0.0, z.F1!.Value);
        Assert.Equal(0.75, m.BalancedAccuracy, Precision);  // (1/2 + 1) / 2, z not counted
        // x: 0.8 beats both negatives, 0.1 ties 0.1 and loses to 0.2 -> 2.5 of 4; y separates perfectly.
        Assert.Equal((0.625 + 1.0) / 2, m.MacroAuc!.Value, Precision);
        Assert.Equal((2.0 / 3 + 1 + 0) / 3, m.MacroF1, Precision); // z predicted once, wrongly: F1 0 counts
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_a_clear_message()
    {
        Assert.Contains("No samples", Assert.Throws<DermLensException>(
            () => ClassificationMetrics.Compute([], [], Classes)).Message);
        Assert.Contains("2 class probabilities but there are 3 classes", Assert.Throws<DermLensException>(
            () => ClassificationMetrics.Compute([0], [[0.5f, 0.5f]], Classes)).Message);
        Assert.Contains("not logits", Assert.Throws<DermLensException>(
            () => ClassificationMetrics.Compute([0], [[2.5f, -1f, 0f]], Classes)).Message);
        Assert.Contains("not logits", Assert.Throws<DermLensException>(
            () => ClassificationMetrics.Compute([0], [[float.NaN, 0f, 0f]], Classes)).Message);
        Assert.Throws<DermLensException>(() => ClassificationMetrics.Compute([0, 1], [[1f, 0f, 0f]], Classes));
    }
}
