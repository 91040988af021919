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

    /// <summary>The photo turned a quarter, a portrait source.</summary>
    static RgbImage Portrait(RgbImage photo)
    {
        var turned = new RgbImage(photo.Height, photo.Width);
        for (int y = 0; y < photo.Height; y++)
            for (int x = 0; x < photo.Width; x++)
                turned[photo.Height - 1 - y, x] = photo[x, y];
        return turned;
    }

    [Fact]
    public void A_non_square_size_gives_height_x_width_from_landscape_and_portrait_sources()
    {
        var augmenter = new Augmenter(AugmentationOptions.Default, new InputSize(48, 64));
        foreach (var source in new[] { Photo(), Portrait(Photo()) })
            for (int seed = 0; seed < 5; seed++)
            {
                var image = augmenter.Apply(source, new Random(seed));
                Assert.Equal((64, 48), (image.Width, image.Height));
            }
    }

    [Fact]
    public void Without_augmentation_a_photo_of_the_outputs_aspect_is_resized_whole_not_cropped_square()
    {
        // The crop's aspect ratio is drawn around the output's, so ratio 1 keeps all of a 4:3 photo for a 4:3 input.
        var photo = Photo();
        var result = new Augmenter(AugmentationOptions.None, new InputSize(48, 64)).Apply(photo, new Random(0));
        var expected = Resizer.Resize(photo, 64, 48);
        var difference = result.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 4, $"mean difference {difference:F1} from the plain resize");
    }

    [Fact]
    public void Flips_only_gives_the_whole_photo_resized_in_one_of_its_four_flips()
    {
        var photo = Photo();
        var plain = Resizer.Resize(photo, 64, 48);
        var augmenter = new Augmenter(AugmentationOptions.Named(AugmentationOptions.Flips, minCropScale: 0.35), new InputSize(48, 64));
        var seen = new HashSet<(bool, bool)>();
        for (int seed = 0; seed < 12; seed++)
        {
            var image = augmenter.Apply(photo, new Random(seed));
            var flips = from flipX in new[] { false, true } from flipY in new[] { false, true } select (flipX, flipY);
            var (best, difference) = flips.Select(f => (f, Difference(image, plain, f.flipX, f.flipY))).MinBy(d => d.Item2);
            Assert.True(difference < 4, $"seed {seed}: mean difference {difference:F1} from every flip of the plain resize");
            seen.Add(best);
        }
        Assert.Equal(4, seen.Count);
    }

    static double Difference(RgbImage image, RgbImage plain, bool flipX, bool flipY)
    {
        double sum = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var (a, b) = (image[x, y], plain[flipX ? image.Width - 1 - x : x, flipY ? image.Height - 1 - y : y]);
                sum += Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);
            }
        return sum / (3.0 * image.Width * image.Height);
    }

    [Fact]
    public void An_unknown_augmentation_name_is_refused() =>
        Assert.Contains("Known: full, flips", Assert.Throws<DermLensException>(() => AugmentationOptions.Named("heavy", 0.35)).Message);

    [Fact]
    public void A_random_crop_for_a_wide_output_is_drawn_around_its_shape_so_a_round_lesion_stays_round()
    {
        // A square crop stretched to 64x48 would make the disc a third wider than high.
        var source = new RgbImage(200, 150);
        for (int y = 0; y < 150; y++)
            for (int x = 0; x < 200; x++)
                source[x, y] = (x - 100) * (x - 100) + (y - 75) * (y - 75) <= 30 * 30 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255);
        var options = AugmentationOptions.None with { CropScale = (0.6, 0.6) };
        var augmenter = new Augmenter(options, new InputSize(48, 64));
        for (int seed = 0; seed < 5; seed++)
        {
            var image = augmenter.Apply(source, new Random(seed));
            var red = (from y in Enumerable.Range(0, image.Height) from x in Enumerable.Range(0, image.Width)
                       where image[x, y].R > 128 select (x, y)).ToList();
            double wide = red.Max(p => p.x) - red.Min(p => p.x) + 1, high = red.Max(p => p.y) - red.Min(p => p.y) + 1;
            Assert.InRange(wide / high, 0.9, 1.1);
        }
    }

    [Fact]
    public void Rotation_keeps_the_corners_of_a_wide_output_filled()
    {
        var augmenter = new Augmenter(AugmentationOptions.None with { MaxRotationDegrees = 30 }, new InputSize(24, 64));
        for (int seed = 0; seed < 5; seed++)
        {
            var image = augmenter.Apply(Photo(), new Random(seed));
            foreach (var (x, y) in new[] { (0, 0), (63, 0), (0, 23), (63, 23) })
            {
                var corner = image[x, y];
                Assert.True(corner.R + corner.G + corner.B > 60, $"seed {seed}: corner ({x}, {y}) is black {corner}");
            }
        }
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
