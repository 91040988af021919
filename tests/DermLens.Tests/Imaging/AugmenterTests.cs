using DermLens.Imaging;

namespace DermLens.Tests.Imaging;

public class AugmenterTests
{
    static RgbImage Photo() => ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg"));

    [Fact]
    public void Output_is_square_of_requested_size_and_same_seed_gives_same_image()
    {
        var augmenter = new Augmenter(AugmentationOptions.Default, 64);
        var a = augmenter.Apply(Photo(), new Random(7));
        var b = augmenter.Apply(Photo(), new Random(7));
        var c = augmenter.Apply(Photo(), new Random(8));
        Assert.Equal((64, 64), (a.Width, a.Height));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(a.Pixels, c.Pixels);
    }

    [Fact]
    public void Rotation_keeps_corners_filled_with_image_not_black()
    {
        var options = AugmentationOptions.None with { MaxRotationDegrees = 30 };
        var augmenter = new Augmenter(options, 48);
        for (int seed = 0; seed < 5; seed++)
        {
            var image = augmenter.Apply(Photo(), new Random(seed));
            var corner = image[0, 0];
            Assert.True(corner.R + corner.G + corner.B > 60, $"seed {seed}: corner is black {corner}");
        }
    }

    [Fact]
    public void No_augmentation_is_a_plain_resize()
    {
        var image = new RgbImage(20, 20);
        Array.Fill(image.Pixels, (byte)120);
        var result = new Augmenter(AugmentationOptions.None, 10).Apply(image, new Random(0));
        Assert.All(result.Pixels, b => Assert.InRange(b, 118, 122));
    }

    [Fact]
    public void Tensor_layout_normalises_and_goes_channel_planar()
    {
        var image = new RgbImage(2, 1, [255, 0, 0, 0, 255, 0]);
        var chw = new float[6];
        TensorLayout.WriteChw(image, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], chw);
        Assert.Equal([1f, -1f, -1f, 1f, -1f, -1f], chw);
    }
}
