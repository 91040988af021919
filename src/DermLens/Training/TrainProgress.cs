namespace DermLens.Training;

/// <summary>A progress report from the training loop: where it is and the running loss and accuracy.</summary>
public sealed record TrainProgress(string Phase, int Epoch, int Epochs, int Step, int Steps, double Loss, double Accuracy);
