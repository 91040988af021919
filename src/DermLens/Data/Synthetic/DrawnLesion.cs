using DermLens.Imaging;

namespace DermLens.Data.Synthetic;

/// <summary>One synthetic sample as <see cref="SyntheticLesions.Draw"/> paints it.</summary>
/// <param name="Image">The photo, confounders included.</param>
/// <param name="Mask">Row-major, 255 lesion, 0 skin, the size of the photo.</param>
/// <param name="Skin">The base skin colour painted under texture, lesion and confounders.</param>
/// <param name="PaintedIta">ITA in degrees of <paramref name="Skin"/> (<see cref="SkinTone.ItaOfColour"/>): the tone's
/// ground truth in the units of <see cref="SkinTone.Ita"/>.</param>
public sealed record DrawnLesion(RgbImage Image, byte[] Mask, (byte R, byte G, byte B) Skin, double PaintedIta);
