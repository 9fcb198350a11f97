using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Collects blocks in reading order and assigns each its offset in <see cref="ParsedDocument.Text"/>
/// (blocks joined by "\n\n"). Empty blocks are dropped, so offsets always point at real text.
/// </summary>
internal sealed class ParsedDocumentBuilder
{
    private const int SeparatorLength = 2; // "\n\n" between blocks, as ParsedDocument.Text joins them.

    private readonly List<DocumentBlock> _blocks = [];
    private int _length;

    public int Count => _blocks.Count;

    public string? FirstHeading(int level) =>
        _blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.HeadingLevel == level)?.Text;

    public string? FirstHeading() => _blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text;

    /// <summary>Adds a paragraph; <paramref name="text"/> must already be normalised.</summary>
    public void AddParagraph(string text, int page = 0) => Add(BlockKind.Paragraph, text, 0, page);

    /// <summary>Adds a heading (level clamped to 1..6); <paramref name="text"/> must already be normalised.</summary>
    public void AddHeading(string text, int level, int page = 0) => Add(BlockKind.Heading, text, Math.Clamp(level, 1, 6), page);

    public ParsedDocument Build(string? title, int pageCount = 0)
    {
        var normalisedTitle = TextNormalizer.Collapse(title);
        return new ParsedDocument(normalisedTitle.Length == 0 ? null : normalisedTitle, _blocks.ToArray(), pageCount);
    }

    private void Add(BlockKind kind, string text, int level, int page)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var offset = _blocks.Count == 0 ? 0 : _length + SeparatorLength;
        _blocks.Add(new DocumentBlock(kind, text, level, page, offset));
        _length = offset + text.Length;
    }
}
