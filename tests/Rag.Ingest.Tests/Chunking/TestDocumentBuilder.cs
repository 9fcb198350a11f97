using Rag.Core.Documents;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>Builds a <see cref="ParsedDocument"/> with offsets as readers assign them (blocks joined by "\n\n").</summary>
internal sealed class TestDocumentBuilder
{
    private readonly List<DocumentBlock> _blocks = [];
    private int _length;

    public TestDocumentBuilder Heading(int level, string text, int page = 0) => Add(BlockKind.Heading, text, level, page);

    public TestDocumentBuilder Paragraph(string text, int page = 0) => Add(BlockKind.Paragraph, text, 0, page);

    public ParsedDocument Build() => new(null, _blocks.ToArray(), _blocks.Count == 0 ? 0 : _blocks.Max(b => b.Page));

    private TestDocumentBuilder Add(BlockKind kind, string text, int level, int page)
    {
        var offset = _blocks.Count == 0 ? 0 : _length + 2;
        _blocks.Add(new DocumentBlock(kind, text, level, page, offset));
        _length = offset + text.Length;
        return this;
    }
}
