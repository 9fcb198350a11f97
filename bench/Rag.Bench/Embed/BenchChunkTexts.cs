using System.Text.Json;
using Rag.Core.Embeddings;

namespace Rag.Bench.Embed;

/// <summary>
/// Realistic chunk texts for the embedding benchmark: passages (a BEIR corpus.jsonl's <c>text</c> fields, or the
/// .md/.txt files of a folder) cut into consecutive word windows of at most the model's token limit; windows shorter
/// than the minimum are dropped. When the source yields fewer chunks than asked, they repeat.
/// </summary>
public static class BenchChunkTexts
{
    /// <summary>Loads <paramref name="count"/> chunk texts from <paramref name="source"/> (a .jsonl file or a folder).</summary>
    public static async Task<IReadOnlyList<string>> LoadAsync(
        string source,
        int count,
        IEmbeddingTokenizer tokenizer,
        int minTokens,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var maxTokens = tokenizer.MaxTokens;
        minTokens = Math.Clamp(minTokens, 1, maxTokens);
        var chunks = new List<string>(count);
        await foreach (var passage in PassagesAsync(source, cancellationToken))
        {
            foreach (var window in Windows(passage, tokenizer, maxTokens))
            {
                if (tokenizer.CountTokens(window) >= minTokens)
                {
                    chunks.Add(window);
                    if (chunks.Count == count)
                    {
                        return chunks;
                    }
                }
            }
        }

        if (chunks.Count == 0)
        {
            throw new InvalidOperationException($"'{source}' holds no passage of at least {minTokens} tokens.");
        }

        for (var i = 0; chunks.Count < count; i++)
        {
            chunks.Add(chunks[i]);
        }

        return chunks;
    }

    /// <summary>Consecutive word windows of <paramref name="text"/>, each the longest that keeps within <paramref name="maxTokens"/>.</summary>
    public static IEnumerable<string> Windows(string text, IEmbeddingTokenizer tokenizer, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var start = 0;
        while (start < words.Length)
        {
            // Binary search for the most words from start that still fit; a single over-long word is taken alone.
            int low = start + 1, high = words.Length;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (tokenizer.CountTokens(string.Join(' ', words, start, middle - start)) <= maxTokens)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            yield return string.Join(' ', words, start, low - start);
            start = low;
        }
    }

    private static async IAsyncEnumerable<string> PassagesAsync(string source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Directory.Exists(source))
        {
            var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                yield return await File.ReadAllTextAsync(file, cancellationToken);
            }

            yield break;
        }

        await foreach (var line in File.ReadLinesAsync(source, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } value)
            {
                yield return value;
            }
        }
    }
}
