using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;

namespace Rag.Ingest.Chunking;

/// <summary>
/// Cuts a parsed document into chunks along its structure: headings open sections (a chunk never spans two),
/// whole paragraphs are packed while they fit the embedding model's token limit, and only an oversized paragraph
/// is split, at sentences, then words, then characters. Every chunk is a contiguous span of the document text.
/// </summary>
public sealed class StructureAwareChunker
{
    private const int BlockSeparatorLength = 2; // ParsedDocument.Text joins blocks with "\n\n".

    private readonly IEmbeddingTokenizer _tokenizer;
    private readonly int _minChunkTokens;
    private readonly bool _embedContext;

    public StructureAwareChunker(IEmbeddingTokenizer tokenizer, IOptions<ChunkingOptions> options)
        : this(tokenizer, (options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    internal StructureAwareChunker(IEmbeddingTokenizer tokenizer, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _tokenizer = tokenizer;

        var model = tokenizer.MaxTokens;
        var configured = options.MaxTokens;
        TokenLimit = configured > 0 && (model <= 0 || configured < model) ? configured : model;
        if (TokenLimit < 1)
        {
            throw new InvalidOperationException(
                $"The chunk token limit must be positive (model {model}, {ChunkingOptions.SectionName}:{nameof(ChunkingOptions.MaxTokens)} {configured}).");
        }

        OverlapTokens = Math.Clamp(options.OverlapTokens, 0, (TokenLimit - 1) / 2);
        _embedContext = options.EmbedContext;
        _minChunkTokens = Math.Clamp(options.MinChunkTokens, 0, TokenLimit);
    }

    /// <summary>Most tokens in one chunk: the configured limit capped at the model's.</summary>
    internal int TokenLimit { get; }

    /// <summary>
    /// What the embedding model sees for <paramref name="chunk"/>: with <see cref="ChunkingOptions.EmbedContext"/>, the
    /// document title (unless the outermost heading already is the title) and the heading path, then the chunk text.
    /// </summary>
    public string EmbeddingInput(Chunk chunk, string? documentTitle)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!_embedContext)
        {
            return chunk.Text;
        }

        var context = new List<string>(chunk.HeadingPath.Count + 1);
        if (!string.IsNullOrWhiteSpace(documentTitle)
            && (chunk.HeadingPath.Count == 0 || !string.Equals(chunk.HeadingPath[0], documentTitle.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            context.Add(documentTitle.Trim());
        }

        context.AddRange(chunk.HeadingPath.Where(h => !string.IsNullOrWhiteSpace(h)));
        return context.Count == 0 ? chunk.Text : string.Join(" › ", context) + "\n" + chunk.Text;
    }

    /// <summary>Overlap budget in tokens, below half of <see cref="TokenLimit"/>.</summary>
    internal int OverlapTokens { get; }

    public IReadOnlyList<Chunk> Chunk(ParsedDocument document, string documentId, string setName, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(setName);
        ArgumentNullException.ThrowIfNull(contentHash);

        var text = document.Text;
        var splitter = new UnitSplitter(_tokenizer, text, TokenLimit);
        var packer = new SectionPacker(_tokenizer, text, TokenLimit, OverlapTokens, _minChunkTokens);
        var ids = new ChunkIdentity(documentId, setName, contentHash);

        var chunks = new List<Chunk>();
        var headings = new List<DocumentBlock>();
        IReadOnlyList<string> path = [];
        var units = new List<ChunkUnit>();
        var offset = 0;
        foreach (var block in document.Blocks)
        {
            var start = offset;
            offset += block.Text.Length + BlockSeparatorLength;
            if (block.Kind == BlockKind.Heading)
            {
                Emit(packer, units, text, path, ids, chunks);
                headings.RemoveAll(h => h.HeadingLevel >= block.HeadingLevel);
                headings.Add(block);
                path = headings.Select(h => h.Text).ToArray();
            }
            else if (!string.IsNullOrWhiteSpace(block.Text))
            {
                splitter.AddParagraph(start, start + block.Text.Length, block.Page, units);
            }
        }

        Emit(packer, units, text, path, ids, chunks);
        return chunks;
    }

    private static void Emit(
        SectionPacker packer, List<ChunkUnit> units, string text, IReadOnlyList<string> path, ChunkIdentity ids, List<Chunk> chunks)
    {
        if (units.Count == 0)
        {
            return;
        }

        foreach (var pending in packer.Pack(units))
        {
            var firstPage = 0;
            var lastPage = 0;
            for (var u = pending.PageUnit; u <= pending.LastUnit; u++)
            {
                var page = units[u].Page;
                if (page > 0)
                {
                    firstPage = firstPage == 0 ? page : Math.Min(firstPage, page);
                    lastPage = Math.Max(lastPage, page);
                }
            }

            var index = chunks.Count;
            chunks.Add(new Chunk(
                ChunkIds.For(ids.DocumentId, ids.ContentHash, index),
                ids.DocumentId,
                ids.SetName,
                index,
                text[pending.Start..pending.End],
                path,
                firstPage,
                lastPage,
                pending.Start,
                pending.End));
        }

        units.Clear();
    }
}
