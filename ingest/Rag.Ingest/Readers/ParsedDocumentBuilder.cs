using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Collects blocks in reading order and is the one place every reader's text is cleaned
/// (<see cref="TextNormalizer.Clean"/>: ligatures, soft hyphens, control characters) and its lines joined
/// (<see cref="LineJoiner"/>: line-end hyphenation, judged against the whole document's vocabulary). Build assigns
/// each block its offset in <see cref="ParsedDocument.Text"/> (blocks joined by "\n\n"); empty blocks are dropped,
/// so offsets always point at real text.
/// </summary>
internal sealed class ParsedDocumentBuilder
{
    private const int SeparatorLength = 2; // "\n\n" between blocks, as ParsedDocument.Text joins them.

    private readonly List<Pending> _blocks = [];

    public int Count => _blocks.Count;

    /// <summary>The first heading of <paramref name="level"/>, cleaned, or null.</summary>
    public string? FirstHeading(int level) => Joined(_blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == level));

    /// <summary>The first heading of any level, cleaned, or null.</summary>
    public string? FirstHeading() => Joined(_blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading));

    /// <summary>Adds a paragraph; its lines (separated by "\n") are joined into one.</summary>
    public void AddParagraph(string text, int page = 0) => Add(BlockKind.Paragraph, text, 0, page, preformatted: false);

    /// <summary>Adds preformatted text (code): its line structure is kept.</summary>
    public void AddPreformatted(string text, int page = 0) => Add(BlockKind.Paragraph, text, 0, page, preformatted: true);

    /// <summary>Adds a heading (level clamped to 1..6); its lines are joined into one.</summary>
    public void AddHeading(string text, int level, int page = 0) => Add(BlockKind.Heading, text, Math.Clamp(level, 1, 6), page, preformatted: false);

    /// <summary>
    /// The document. Its title is <paramref name="title"/> when <see cref="TitleChooser"/> finds it meaningful, else
    /// <paramref name="fallbackTitle"/> when meaningful, else null (the pipeline then uses the file name).
    /// </summary>
    public ParsedDocument Build(string? title, int pageCount = 0, string? fallbackTitle = null)
    {
        var joiner = new LineJoiner();
        foreach (var block in _blocks)
        {
            joiner.Learn(block.Text);
        }

        var blocks = new List<DocumentBlock>(_blocks.Count);
        var length = 0;
        foreach (var block in _blocks)
        {
            var text = block.Preformatted ? TextNormalizer.PreserveLines(block.Text) : joiner.Join(block.Text);
            if (text.Length == 0)
            {
                continue;
            }

            var offset = blocks.Count == 0 ? 0 : length + SeparatorLength;
            blocks.Add(new DocumentBlock(block.Kind, text, block.Level, block.Page, offset));
            length = offset + text.Length;
        }

        var chosen = TitleChooser.Meaningful(title) ?? TitleChooser.Meaningful(fallbackTitle);
        return new ParsedDocument(chosen, blocks.ToArray(), pageCount);
    }

    private void Add(BlockKind kind, string text, int level, int page, bool preformatted)
    {
        var cleaned = TextNormalizer.Clean(text);
        if (string.IsNullOrWhiteSpace(cleaned))
        {
            return;
        }

        _blocks.Add(new Pending(kind, cleaned, level, page, preformatted));
    }

    private static string? Joined(Pending? block) => block is null ? null : LineJoiner.Empty.Join(block.Text);

    private sealed record Pending(BlockKind Kind, string Text, int Level, int Page, bool Preformatted);
}
