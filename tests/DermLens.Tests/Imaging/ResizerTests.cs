using DermLens.Imaging;

namespace DermLens.Tests.Imaging;

public class ResizerTests
{
    /// <summary>A blue image with a red band of the given rows (top) or columns (left).</summary>
    static RgbImage Banded(int width, int height, int topRows = 0, int leftColumns = 0)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = y < topRows || x < leftColumns ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255);
        return image;
    }

    [Fact]
    public void A_landscape_image_of_the_inputs_aspect_is_only_resized()
    {
        var photo = ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg"));
        Assert.Equal(photo.Width * 3, photo.Height * 4);
        var half = photo.Width / 8;
        var size = new InputSize(3 * half, 4 * half);
        var cut = Resizer.ResizeCenterCrop(photo, size);
        Assert.Equal((size.Width, size.Height), (cut.Width, cut.Height));
        // Skia's mipmapped downscale rounds a channel by one now and then from call to call; a crop would move far more.
        var resized = Resizer.Resize(photo, size.Width, size.Height);
        Assert.All(resized.Pixels.Zip(cut.Pixels), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 2));

        var same = Banded(200, 150, leftColumns: 5);
        Assert.Equal(same.Pixels, Resizer.ResizeCenterCrop(same, new InputSize(150, 200)).Pixels);
    }

    [Fact]
    public void A_portrait_image_for_a_landscape_input_loses_its_top_and_bottom_not_its_sides()
    {
        // 60x120 covers 40x30 at 40x80: rows 25..54 are kept, so a red top quarter is cut away but a red left edge stays.
        var top = Resizer.ResizeCenterCrop(Banded(60, 120, topRows: 30), new InputSize(30, 40));
        Assert.Equal((40, 30), (top.Width, top.Height));
        Assert.All(Enumerable.Range(0, 40), x => Assert.True(top[x, 0].R < 40, $"column {x} of the top row is red"));

        var left = Resizer.ResizeCenterCrop(Banded(60, 120, leftColumns: 6), new InputSize(30, 40));
        Assert.True(left[0, 15].R > 200, $"the left edge was cropped: {left[0, 15]}");
    }

    [Fact]
    public void A_landscape_image_for_a_portrait_input_loses_its_sides()
    {
        var cut = Resizer.ResizeCenterCrop(Banded(120, 60, leftColumns: 30), new InputSize(40, 30));
        Assert.Equal((30, 40), (cut.Width, cut.Height));
        Assert.True(cut[0, 20].R < 40, $"the red left quarter survived: {cut[0, 20]}");
    }

    [Fact]
    public void Resize_to_cover_keeps_the_aspect_ratio_and_covers_both_sides()
    {
        var covered = Resizer.ResizeToCover(new RgbImage(600, 450), new InputSize(173, 230));
        Assert.Equal((231, 173), (covered.Width, covered.Height));
        var portrait = Resizer.ResizeToCover(new RgbImage(450, 600), new InputSize(173, 230));
        Assert.Equal((230, 307), (portrait.Width, portrait.Height));
    }
}
