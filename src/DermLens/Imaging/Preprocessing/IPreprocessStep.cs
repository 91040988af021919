namespace DermLens.Imaging.Preprocessing;

/// <summary>One preprocessing operation; steps never print, they report fallbacks to the log.</summary>
public interface IPreprocessStep
{
    /// <summary>The step's canonical text in a chain (e.g. <c>gamma=1.3</c>); parsing it gives the same step.</summary>
    string Name { get; }

    /// <summary>Returns the processed image; the input is left untouched.</summary>
    RgbImage Apply(RgbImage image, PreprocessLog log);
}
