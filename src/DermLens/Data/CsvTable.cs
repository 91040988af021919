using CsvHelper;

namespace DermLens.Data;

/// <summary>A small CSV file read whole: the header and the rows as trimmed strings, with errors that name the file.</summary>
public sealed class CsvTable
{
    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    /// <summary>A field as CSV writes it: quoted, with quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    public static CsvTable Read(string path)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        try
        {
            using var csv = CsvReader.FromFile(path, options);
            var header = csv.Headers.ToArray();
            if (header.Length == 0) throw new DermLensException($"{path}: the CSV file is empty (no header row).");
            var rows = new List<string[]>();
            while (csv.Read())
            {
                var row = new string[header.Length];
                for (int i = 0; i < row.Length; i++) row[i] = csv.GetString(i);
                rows.Add(row);
            }
            return new CsvTable(path, header, rows);
        }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $" at line {e.LineNumber}" : "";
            throw new DermLensException($"{path}: malformed CSV{where} ({e.Message.Split('\n')[0].Trim()}).", e);
        }
        catch (IOException e)
        {
            throw new DermLensException($"{path}: cannot read ({e.Message}).", e);
        }
    }

    /// <summary>The index of a required column (case-insensitive); throws naming the file and the columns it has.</summary>
    public int Column(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
            throw new DermLensException($"{Path}: missing column '{name}' (columns are: {string.Join(", ", Header)}).");
        return index;
    }

    /// <summary>The index of a column (case-insensitive), or -1 when the file has none of that name.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Reads only the header row, for cheap layout detection; null when the file is not readable CSV.</summary>
    public static IReadOnlyList<string>? PeekHeader(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var line = reader.ReadLine();
            return line?.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
