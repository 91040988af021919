using DermLens.Data;

namespace DermLens.Tests.Data;

public class AgeBandTests
{
    [Theory]
    [InlineData("0.0", "0-29")]
    [InlineData("29.9", "0-29")]
    [InlineData("30", "30-44")]
    [InlineData("44.0", "30-44")]
    [InlineData("45.0", "45-59")]
    [InlineData("60.0", "60-74")]
    [InlineData("74.5", "60-74")]
    [InlineData("75.0", "75+")]
    [InlineData("85", "75+")]
    [InlineData("", "unknown")]
    [InlineData("unknown", "unknown")]
    [InlineData("-5", "unknown")]
    [InlineData("NaN", "unknown")]
    public void Bands_ages_as_metadata_files_write_them(string age, string band)
    {
        Assert.Equal(band, AgeBand.Of(age));
    }

    [Fact]
    public void Bands_run_from_youngest_to_oldest()
    {
        Assert.Equal(["0-29", "30-44", "45-59", "60-74", "75+"], AgeBand.Bands);
    }
}
