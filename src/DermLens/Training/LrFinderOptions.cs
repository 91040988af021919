namespace DermLens.Training;

/// <summary>Settings of the learning-rate range test; the defaults are fastai's lr_find.</summary>
public sealed record LrFinderOptions
{
    public double StartLr { get; init; } = 1e-7;
    public double EndLr { get; init; } = 10;
    /// <summary>Mini-batches in the sweep; the loader's epochs repeat if it has fewer.</summary>
    public int Iterations { get; init; } = 100;
    /// <summary>Weight of the past in the exponential moving average of the loss.</summary>
    public double Smoothing { get; init; } = 0.98;
    /// <summary>The sweep stops once the smoothed loss exceeds this many times its minimum so far.</summary>
    public double DivergeFactor { get; init; } = 4;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Throws a <see cref="DermLensException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (!(StartLr > 0) || !(EndLr > StartLr) || double.IsInfinity(EndLr))
            throw new DermLensException($"The LR range test needs 0 < start LR < end LR (got {StartLr} and {EndLr}).");
        if (Iterations < 5) throw new DermLensException($"The LR range test needs at least 5 iterations (got {Iterations}).");
        if (!(Smoothing >= 0 && Smoothing < 1)) throw new DermLensException($"Loss smoothing must lie in [0, 1) (got {Smoothing}).");
        if (!(DivergeFactor > 1)) throw new DermLensException($"The divergence factor must exceed 1 (got {DivergeFactor}).");
        if (!(Momentum >= 0) || !(WeightDecay >= 0))
            throw new DermLensException($"Momentum and weight decay must not be negative (got {Momentum} and {WeightDecay}).");
    }
}
