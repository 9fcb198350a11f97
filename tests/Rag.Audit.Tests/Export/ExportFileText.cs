using System.Text;
using CsvHelper;
using Rag.Audit.Export;

namespace Rag.Audit.Tests.Export;

/// <summary>An export file as its raw data rows (text exactly as in the file), to damage the way an attacker would.</summary>
internal sealed class ExportFileText
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private ExportFileText(AuditExportFormat format, bool bom, string? header, List<string> rows)
    {
        Format = format;
        HasBom = bom;
        Header = header;
        Rows = rows;
    }

    public AuditExportFormat Format { get; }

    public bool HasBom { get; }

    public string? Header { get; }

    /// <summary>The data rows; row n of the file is <c>Rows[n - 1]</c>.</summary>
    public List<string> Rows { get; }

    public static ExportFileText Load(string path, AuditExportFormat format)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Bom);
        var text = Encoding.UTF8.GetString(bom ? bytes[3..] : bytes);
        ExportFileText loaded;
        if (format == AuditExportFormat.Json)
        {
            var lines = text.Split('\n').ToList();
            Assert.Equal(string.Empty, lines[^1]);
            lines.RemoveAt(lines.Count - 1);
            loaded = new ExportFileText(format, bom, null, lines);
        }
        else
        {
            var raw = new List<string>();
            using (var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',', HasHeader = false }))
            {
                while (csv.Read())
                {
                    raw.Add(Encoding.UTF8.GetString(csv.RawRecord));
                }
            }

            loaded = new ExportFileText(format, bom, raw[0], raw[1..]);
        }

        // The split must be exact, or a "damaged" file would differ in more than the test means.
        Assert.Equal(bytes, loaded.ToBytes());
        return loaded;
    }

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in row <paramref name="row"/> (1-based).</summary>
    public void Replace(int row, string old, string replacement)
    {
        var text = Rows[row - 1];
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in row {row}");
        Rows[row - 1] = string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    private byte[] ToBytes()
    {
        var newline = Format == AuditExportFormat.Csv ? "\r\n" : "\n";
        var text = new StringBuilder();
        foreach (var line in Header is null ? Rows : [Header, .. Rows])
        {
            text.Append(line).Append(newline);
        }

        return [.. HasBom ? Bom : [], .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
