using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Reads plain text: UTF-8 unless a byte-order mark says otherwise, invalid bytes replaced (never fails on
/// encoding); paragraphs are separated by blank lines. Plain text has no title.
/// </summary>
public sealed class PlainTextDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".txt", ".text"];

    /// <inheritdoc />
    public string MediaType => "text/plain";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var text = await ReaderStreams.ReadAllTextAsync(content, cancellationToken);
        var builder = new ParsedDocumentBuilder();
        var paragraph = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                AddParagraph(builder, paragraph);
                continue;
            }

            paragraph.Add(line);
        }

        AddParagraph(builder, paragraph);
        return builder.Build(title: null);
    }

    private static void AddParagraph(ParsedDocumentBuilder builder, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        builder.AddParagraph(string.Join('\n', lines));
        lines.Clear();
    }
}
