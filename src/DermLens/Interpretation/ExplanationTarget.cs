namespace DermLens.Interpretation;

/// <summary>
/// What an explanation attributes: a fixed linear combination of one image's class logits. Logits rather than
/// probabilities, so the target means the same for cross-entropy and BCE-with-logits models: a softmax probability
/// would mix in every other class, and a sigmoid only rescales the logit's gradient by a positive factor.
/// </summary>
public abstract record ExplanationTarget
{
    /// <summary>Writes this target's coefficient for each class logit into perClass (zeroed by the caller).</summary>
    public abstract void WriteCoefficients(Span<float> perClass);

    /// <summary>Throws a <see cref="DermLensException"/> if a class index lies outside 0..classCount-1.</summary>
    protected static void CheckClass(int index, int classCount)
    {
        if (index < 0 || index >= classCount)
            throw new DermLensException($"Class index {index} is out of range: the model has {classCount} classes.");
    }
}

/// <summary>The logit of one class: "why this class?".</summary>
public sealed record ClassTarget(int Class) : ExplanationTarget
{
    public override void WriteCoefficients(Span<float> perClass)
    {
        CheckClass(Class, perClass.Length);
        perClass[Class] = 1f;
    }
}

/// <summary>Logit of Class minus logit of Versus: "why this class rather than that one?", what a confused pair asks.</summary>
public sealed record ContrastTarget(int Class, int Versus) : ExplanationTarget
{
    public override void WriteCoefficients(Span<float> perClass)
    {
        CheckClass(Class, perClass.Length);
        CheckClass(Versus, perClass.Length);
        perClass[Class] += 1f;
        perClass[Versus] -= 1f;
    }
}
