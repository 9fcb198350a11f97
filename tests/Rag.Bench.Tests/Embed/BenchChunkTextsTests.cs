using Rag.Bench.Embed;
using Rag.Core.Embeddings;
using Rag.Testing;

namespace Rag.Bench.Tests.Embed;

public sealed class BenchChunkTextsTests
{
    [Fact]
    public void Windows_CutsAtTheTokenLimitAndLosesNoWord()
    {
        var tokenizer = new WordTokenizer(maxTokens: 4);
        var text = "one two three four five six seven eight nine ten";

        var windows = BenchChunkTexts.Windows(text, tokenizer, 4).ToList();

        Assert.Equal(["one two three four", "five six seven eight", "nine ten"], windows);
    }

    [Fact]
    public async Task LoadAsync_JsonlCorpus_DropsShortWindowsAndRepeatsToTheCount()
    {
        using var dir = new TempDirectory();
        var corpus = dir.Combine("corpus.jsonl");
        await File.WriteAllLinesAsync(corpus,
        [
            """{"_id": "1", "title": "t", "text": "a b c d e f"}""",
            """{"_id": "2", "title": "t", "text": "g h"}""",
        ]);

        var chunks = await BenchChunkTexts.LoadAsync(corpus, 5, new WordTokenizer(maxTokens: 4), minTokens: 3);

        // "e f" and "g h" are under three tokens; the one full window repeats.
        Assert.Equal(["a b c d", "a b c d", "a b c d", "a b c d", "a b c d"], chunks);
    }

    [Fact]
    public async Task LoadAsync_NothingLongEnough_Throws()
    {
        using var dir = new TempDirectory();
        var corpus = dir.Combine("corpus.jsonl");
        await File.WriteAllTextAsync(corpus, """{"text": "short"}""");

        await Assert.ThrowsAsync<InvalidOperationException>(() => BenchChunkTexts.LoadAsync(corpus, 2, new WordTokenizer(8), minTokens: 5));
    }

    private sealed class WordTokenizer(int maxTokens) : IEmbeddingTokenizer
    {
        public int MaxTokens => maxTokens;

        public int CountTokens(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
