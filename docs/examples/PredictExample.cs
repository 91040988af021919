using DermLens.Runs;

/// <summary>The README's library example: the top-2 classes of a photo by the model of a run folder.</summary>
public static class PredictExample
{
    public static void Print(string runFolder, string photo, TextWriter output)
    {
        // The run's model with its classes, preprocessing, calibration and referral rule, loaded once.
        using var predictor = new Predictor(new RunFolder(runFolder));
        var prediction = predictor.Predict(photo, topK: 2);
        if (prediction.Error != null) throw new InvalidDataException(prediction.Error);
        foreach (var (label, probability) in prediction.Top)
            output.WriteLine($"{label} {probability:F3}");
        if (prediction.Referral is { Refer: true })
            output.WriteLine("refer: the malignant classes reach the run's threshold");
    }
}
