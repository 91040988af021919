using DermLens.Data;

namespace DermLens.Tests.Data;

public class SampleTests
{
    [Fact]
    public void Samples_without_metadata_share_the_empty_metadata_and_stay_equal()
    {
        var first = new Sample("a.png", 0, "/data/a.png");
        var second = new Sample("a.png", 0, "/data/a.png");

        Assert.Equal(first, second);
        Assert.Same(Sample.NoMetadata, first.Metadata);
        Assert.Empty(first.Metadata);
    }
}
