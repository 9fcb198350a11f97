using Rag.Core.Embeddings;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>Counts whitespace-separated words: one word, one token.</summary>
internal sealed class WhitespaceTokenizerFake(int maxTokens = 512) : IEmbeddingTokenizer
{
    public int MaxTokens { get; set; } = maxTokens;

    public int CountTokens(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var word = !char.IsWhiteSpace(c);
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }
}
