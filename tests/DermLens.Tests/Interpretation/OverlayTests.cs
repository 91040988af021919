using DermLens.Imaging;
using DermLens.Interpretation;

namespace DermLens.Tests.Interpretation;

public class OverlayTests
{
    [Fact]
    public void Heat_map_blends_jet_colours_on_the_image_beside_a_colour_bar()
    {
        var image = new RgbImage(64, 32);
        Array.Fill(image.Pixels, (byte)100);
        var map = new float[64 * 32];
        map[0] = 1f; // top-left hot, everything else cold

        var overlay = Overlay.HeatMap(image, map, opacity: 0.5f);

        Assert.Equal(32, overlay.Height);
        Assert.True(overlay.Width > 64);
        Assert.Equal(((byte)114, (byte)50, (byte)50), overlay[0, 0]);   // half grey 100, half jet's dark red (128, 0, 0)
        Assert.Equal(((byte)50, (byte)50, (byte)114), overlay[1, 0]);   // 0 is jet's dark blue (0, 0, 128)
        var barX = overlay.Width - 1;
        Assert.Equal(Overlay.Jet(1f), overlay[barX, 0]);
        Assert.Equal(Overlay.Jet(0f), overlay[barX, 31]);
        Assert.Throws<DermLensException>(() => Overlay.HeatMap(image, new float[10]));
    }

    [Fact]
    public void Jet_runs_from_dark_blue_through_green_to_dark_red()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)128), Overlay.Jet(0f));
        Assert.Equal(((byte)128, (byte)255, (byte)128), Overlay.Jet(0.5f));
        Assert.Equal(((byte)128, (byte)0, (byte)0), Overlay.Jet(1f));
    }

    [Fact]
    public void Gradients_are_shown_around_mid_grey_with_their_sign()
    {
        var chw = new float[3 * 2 * 1];
        chw[0] = 1f;  // red channel, first pixel: strongly positive
        chw[1] = -1f; // red channel, second pixel: strongly negative

        var image = Overlay.Gradients(chw, 2, 1);

        Assert.True(image[0, 0].R > 128 && image[1, 0].R < 128);
        Assert.Equal(image[0, 0].G, image[1, 0].G);
    }

    [Fact]
    public void Npy_files_carry_numpys_v1_header_and_little_endian_floats()
    {
        var bytes = NpyFile.Encode([1f, -2.5f, 3f, 0f, 0.5f, 7f], 2, 3);

        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 24, bytes.Length);
        Assert.Equal(-2.5f, BitConverter.ToSingle(bytes, 10 + headerLength + 4));
        Assert.Contains("'shape': (4,)", System.Text.Encoding.ASCII.GetString(NpyFile.Encode(new float[4], 4)));
        Assert.Throws<DermLensException>(() => NpyFile.Encode(new float[5], 2, 3));
    }
}
