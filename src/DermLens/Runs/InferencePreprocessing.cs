using DermLens.Imaging.Preprocessing;

namespace DermLens.Runs;

/// <summary>
/// The preprocessing chain evaluation, prediction and explanation apply: the run's stored chain unless another is asked
/// for. A different chain is applied as asked (to measure what it changes) but always with a warning, because the model
/// learnt on images prepared by the stored one.
/// </summary>
public sealed record InferencePreprocessing(PreprocessChain Chain, string? Warning)
{
    /// <summary>Resolves <paramref name="requested"/> (null: use the run's chain) against the chain the run was trained with.</summary>
    public static InferencePreprocessing For(RunConfig config, string? requested)
    {
        var stored = PreprocessChain.Parse(config.Preprocess);
        if (requested == null) return new(stored, null);
        var asked = PreprocessChain.Parse(requested);
        return asked.ToString() == stored.ToString()
            ? new(stored, null)
            : new(asked, $"The model was trained with preprocessing '{stored}' but '{asked}' is applied as asked; " +
                         "results need not match the run's own.");
    }
}
