using DermLens.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Data;

/// <summary>A prepared mini-batch on the host: normalised CHW pixels and labels.</summary>
public sealed class Batch(float[] pixels, long[] labels, Sample[] samples, InputSize size)
{
    public float[] Pixels { get; } = pixels;
    public long[] Labels { get; } = labels;
    public Sample[] Samples { get; } = samples;
    public int Count => Labels.Length;
    public InputSize Size { get; } = size;

    public Tensor ImagesTensor(Device device) =>
        torch.tensor(Pixels, [Count, 3, Size.Height, Size.Width]).to(device);

    public Tensor LabelsTensor(Device device) => torch.tensor(Labels).to(device);
}
