using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Turns Skia's coloured Perlin noise into grey texture of a chosen opacity.</summary>
internal static class Noise
{
    /// <summary>Grey from the noise's red channel, with constant alpha <paramref name="strength"/>, for Overlay/Multiply blending.</summary>
    public static SKColorFilter GreyFilter(double strength)
    {
        float a = (float)Math.Clamp(strength, 0, 1);
        return SKColorFilter.CreateColorMatrix(
        [
            1, 0, 0, 0, 0,
            1, 0, 0, 0, 0,
            1, 0, 0, 0, 0,
            0, 0, 0, 0, a,
        ]);
    }

    public static SKShader Fractal(Random rng, float frequency, int octaves = 3) =>
        SKShader.CreatePerlinNoiseFractalNoise(frequency, frequency, octaves, rng.Next(1000));

    public static SKShader Turbulence(Random rng, float frequency, int octaves = 2) =>
        SKShader.CreatePerlinNoiseTurbulence(frequency, frequency, octaves, rng.Next(1000));
}
