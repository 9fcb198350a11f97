using Rag.Core.Embeddings;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>
/// Behaves like a word-piece tokenizer: a run of letters or digits costs one token per 4 characters, every
/// other visible character one token. Line breaks cost a token too, so the count of paragraphs joined by
/// "\n\n" is more than the sum of their counts, as with tokenizers that keep newlines.
/// </summary>
internal sealed class SubwordTokenizerFake(int maxTokens = 512) : IEmbeddingTokenizer
{
    public int MaxTokens => maxTokens;

    public int CountTokens(string text)
    {
        var count = 0;
        var run = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                run++;
                continue;
            }

            count += (run + 3) / 4;
            run = 0;
            if (c == '\n' || !char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count + ((run + 3) / 4);
    }
}
