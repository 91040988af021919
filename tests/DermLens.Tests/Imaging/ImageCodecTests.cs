using DermLens.Imaging;
using SkiaSharp;

namespace DermLens.Tests.Imaging;

public class ImageCodecTests
{
    [Fact]
    public void Decodes_real_dermoscopy_jpeg_to_rgb()
    {
        var image = ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg"));
        Assert.Equal(200, image.Width);
        Assert.Equal(150, image.Height);
        Assert.InRange(image.Pixels.Average(b => b), 40, 230);
    }

    [Theory]
    [InlineData(SKColorType.Gray8)]
    [InlineData(SKColorType.Rgba8888)]
    [InlineData(SKColorType.Rgba16161616)]
    public void Grayscale_rgba_and_16_bit_png_all_become_rgb(SKColorType colorType)
    {
        using var dir = new TempDir();
        using var bitmap = new SKBitmap(new SKImageInfo(8, 6, colorType, SKAlphaType.Premul));
        bitmap.Erase(new SKColor(200, 200, 200));
        var path = dir["img.png"];
        using (var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)) File.WriteAllBytes(path, data.ToArray());
        var image = ImageCodec.Decode(path);
        Assert.Equal((8, 6), (image.Width, image.Height));
        Assert.All(image.Pixels, b => Assert.InRange(b, 190, 210));
    }

    [Fact]
    public void Cmyk_jpeg_becomes_rgb_with_the_right_colour()
    {
        // Made with ImageMagick: convert -size 8x6 xc:"rgb(200,60,40)" -colorspace CMYK -quality 95 cmyk.jpg
        var image = ImageCodec.Decode(Path.Combine(AppContext.BaseDirectory, "Imaging", "Resources", "cmyk.jpg"));
        Assert.Equal((8, 6), (image.Width, image.Height));
        var (r, g, b) = image[4, 3];
        Assert.InRange(r, 170, 230);
        Assert.InRange(g, 30, 90);
        Assert.InRange(b, 10, 70);
    }

    [Fact]
    public void Png_round_trip_is_lossless()
    {
        using var dir = new TempDir();
        var image = new RgbImage(5, 4);
        new Random(1).NextBytes(image.Pixels);
        ImageCodec.SavePng(image, dir["a.png"]);
        Assert.Equal(image.Pixels, ImageCodec.Decode(dir["a.png"]).Pixels);
    }

    [Fact]
    public void Empty_truncated_and_non_image_files_name_the_file_and_reason()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["empty.jpg"], []);
        File.WriteAllText(dir["text.jpg"], "this is not an image");
        var jpeg = File.ReadAllBytes(Path.Combine(SharedData.Ham10000, "images", "ISIC_0024366.jpg"));
        File.WriteAllBytes(dir["cut.jpg"], jpeg[..(jpeg.Length / 3)]);

        var empty = Assert.Throws<ImageReadException>(() => ImageCodec.Decode(dir["empty.jpg"]));
        Assert.Contains("empty.jpg", empty.Message);
        Assert.Contains("empty", empty.Reason);
        var text = Assert.Throws<ImageReadException>(() => ImageCodec.Decode(dir["text.jpg"]));
        Assert.Contains("not a readable image", text.Reason);
        var cut = Assert.Throws<ImageReadException>(() => ImageCodec.Decode(dir["cut.jpg"]));
        Assert.Contains("truncated", cut.Reason);
    }

    [Fact]
    public void Images_over_the_pixel_limit_are_decoded_smaller_when_jpeg_and_refused_otherwise()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2000, 1000, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(new SKColor(200, 150, 120));
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var small = ImageCodec.Decode(jpeg.ToArray(), "huge.jpg", maxPixels: 600_000);
        Assert.Equal((1000, 500), (small.Width, small.Height));
        Assert.InRange(small[500, 250].R, 190, 210);
        Assert.Equal((2000, 1000), (ImageCodec.Decode(jpeg.ToArray(), "huge.jpg").Width, 1000));

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var error = Assert.Throws<ImageReadException>(() => ImageCodec.Decode(png.ToArray(), "huge.png", maxPixels: 600_000));
        Assert.Contains("huge.png", error.Message);
        Assert.Contains("2000x1000 px (2 megapixels), more than the 0.6-megapixel limit", error.Message);
    }
}
