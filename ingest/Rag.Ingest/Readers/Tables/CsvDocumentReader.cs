using Rag.Core.Documents;

namespace Rag.Ingest.Readers.Tables;

/// <summary>
/// Reads CSV files (comma, semicolon or tab, detected; quoted fields may span lines). The first record is the header;
/// each data row becomes one paragraph "column: value | column: value" so every chunk says what its numbers are.
/// More than <c>Rag:Ingestion:MaxTableRows</c> data rows fails the document. CSV has no title and no pages.
/// </summary>
public sealed class CsvDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".csv"];

    private readonly int _maxRows;

    /// <summary>A reader with the default row limit.</summary>
    public CsvDocumentReader()
        : this(TableLimits.DefaultMaxRows)
    {
    }

    /// <summary>A reader that accepts at most <paramref name="maxRows"/> data rows.</summary>
    public CsvDocumentReader(int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        _maxRows = maxRows;
    }

    /// <inheritdoc />
    public string MediaType => "text/csv";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var text = await ReaderStreams.ReadAllTextAsync(content, cancellationToken);
        var builder = new ParsedDocumentBuilder();
        string[]? header = null;
        var rows = 0;
        foreach (var fields in CsvRecords.Parse(text, CsvRecords.DetectDelimiter(text)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = fields.Select(TextNormalizer.Collapse).ToArray();
            if (record.All(f => f.Length == 0))
            {
                continue;
            }

            if (header is null)
            {
                header = record;
                builder.AddParagraph(string.Join(" | ", record.Where(f => f.Length > 0)));
                continue;
            }

            if (++rows > _maxRows)
            {
                throw TableLimits.TooManyRows("CSV", _maxRows);
            }

            builder.AddParagraph(Row(header, record));
        }

        return builder.Build(title: null);
    }

    private static string Row(string[] header, string[] record)
    {
        var fields = new List<string>(record.Length);
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i].Length == 0)
            {
                continue;
            }

            fields.Add(i < header.Length && header[i].Length > 0 ? $"{header[i]}: {record[i]}" : record[i]);
        }

        return string.Join(" | ", fields);
    }
}
