using DermLens.Runs;

namespace DermLens.Tests.Runs;

public class UniqueStemsTests
{
    [Fact]
    public void Files_that_share_a_stem_get_numbered_names_and_the_first_keeps_its_own() =>
        Assert.Equal(["x", "x-2", "y", "x-3", "X-4"], UniqueStems.Of(["a/x.png", "b/x.png", "y.jpg", "x.jpg", "c/X.png"]));
}
