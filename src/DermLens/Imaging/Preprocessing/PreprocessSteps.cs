namespace DermLens.Imaging.Preprocessing;

/// <summary>The registry of preprocessing steps by name: adding a step is one file and one line here.</summary>
public static class PreprocessSteps
{
    static readonly Dictionary<string, (string Usage, Func<StepSpec, IPreprocessStep> Create)> Registry = new()
    {
        ["fov"] = ("fov", FieldOfViewStep.Create),
        ["roi"] = ("roi[:margin=0.15]", LesionRoiStep.Create),
        ["gamma"] = ("gamma=1.3 | gamma=auto[:target=0.5]", GammaStep.Create),
        ["illumination"] = ("illumination[:degree=3]", IlluminationStep.Create),
        ["color"] = ("color=shades-of-gray[:p=6] | color=gray-world", ColorConstancyStep.Create),
        ["hair"] = ("hair[:kernel=17:threshold=10]", HairRemovalStep.Create),
    };

    /// <summary>Usage of every known step, for error messages and help.</summary>
    public static string Known => string.Join(", ", Registry.Values.Select(r => r.Usage));

    public static IPreprocessStep Create(string token)
    {
        var spec = StepSpec.Parse(token);
        if (!Registry.TryGetValue(spec.Name, out var entry))
            throw new DermLensException($"Unknown preprocessing step '{spec.Text}'. Known steps: {Known}.");
        return entry.Create(spec);
    }
}
