namespace DermLens.Data.Synthetic;

/// <summary>Draws one class of lesion into a scene and traces its outline into the mask.</summary>
internal interface ILesionPainter
{
    void Paint(LesionScene scene);
}
