using Rag.Core.Documents;

namespace Rag.Ingest.Readers.Tables;

/// <summary>
/// Reads CSV files (comma, semicolon or tab, detected; quoted fields may span lines). The first record is the header;
/// it becomes "Columns: a; b", and each data row one paragraph "a: value; b: value" (<see cref="TableRowText"/>).
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
                builder.AddParagraph(TableRowText.Header(record));
                continue;
            }

            if (++rows > _maxRows)
            {
                throw TableLimits.TooManyRows("CSV", _maxRows);
            }

            builder.AddParagraph(TableRowText.Labelled(header, record));
        }

        return builder.Build(title: null);
    }
}
