using System.Reflection;
using System.Xml.Linq;

namespace DermLens.Tests;

/// <summary>The DermLens package documents its public API: every public type has a summary in DermLens.xml, which the package ships.</summary>
public class PublicApiDocumentationTests
{
    [Fact]
    public void Every_public_type_of_the_library_has_a_summary()
    {
        var library = typeof(DermLensException).Assembly;
        var docs = XDocument.Load(Path.ChangeExtension(library.Location, ".xml"));
        var summarised = docs.Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace(m.Element("summary")?.Value))
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet();

        var undocumented = library.GetExportedTypes().Select(t => "T:" + t.FullName!.Replace('+', '.')).Where(t => !summarised.Contains(t)).ToList();

        Assert.True(undocumented.Count == 0, "public types without a <summary>: " + string.Join(", ", undocumented));
    }
}
