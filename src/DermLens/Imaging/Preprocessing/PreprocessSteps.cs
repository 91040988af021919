namespace DermLens.Imaging.Preprocessing;

/// <summary>The registry of preprocessing steps by name: adding a step is one file and one line here.</summary>
public static class PreprocessSteps
{
    /// <summary>Each step's usage and constructor, by name.</summary>
    public static readonly Registry<(string Usage, Func<StepSpec, IPreprocessStep> Create)> All = new("preprocessing step",
    [
        ("fov", ("fov", FieldOfViewStep.Create)),
        ("roi", ("roi[:margin=0.15]", LesionRoiStep.Create)),
        ("gamma", ("gamma=1.3 | gamma=auto[:target=0.5]", GammaStep.Create)),
        ("illumination", ("illumination[:degree=3]", IlluminationStep.Create)),
        ("color", ("color=shades-of-gray[:p=6] | color=gray-world", ColorConstancyStep.Create)),
        ("hair", ("hair[:kernel=17:threshold=10]", HairRemovalStep.Create)),
    ], step => step.Usage);

    public static IPreprocessStep Create(string token)
    {
        var spec = StepSpec.Parse(token);
        return All.Get(spec.Name).Create(spec);
    }
}
