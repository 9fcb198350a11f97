using Rag.Core.Embeddings;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>
/// Counts words plus one marker token per non-empty text, as SentencePiece tokenizers prefix a word-start
/// piece: the count of joined texts is less than the sum of their counts.
/// </summary>
internal sealed class LeadingMarkerTokenizerFake(int maxTokens) : IEmbeddingTokenizer
{
    private readonly WhitespaceTokenizerFake _words = new(maxTokens);

    public int MaxTokens => maxTokens;

    public int CountTokens(string text)
    {
        var words = _words.CountTokens(text);
        return words == 0 ? 0 : words + 1;
    }
}
