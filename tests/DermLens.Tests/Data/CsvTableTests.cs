using DermLens.Data;

namespace DermLens.Tests.Data;

public class CsvTableTests
{
    [Fact]
    public void Quoted_fields_read_back_as_written()
    {
        string[] fields = ["plain", "fov,roi", "say \"hair\"", "two\nlines"];
        using var dir = new TempDir();
        var path = dir["table.csv"];
        File.WriteAllText(path, "a,b,c,d\n" + string.Join(',', fields.Select(CsvTable.Quote)) + "\n");
        var table = CsvTable.Read(path);
        Assert.Equal(fields, Assert.Single(table.Rows));
        Assert.Equal("plain", CsvTable.Quote("plain"));
    }
}
