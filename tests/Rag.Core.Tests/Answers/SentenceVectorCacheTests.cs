using Microsoft.Extensions.Options;
using Rag.Core.Answers;
using Rag.Core.Documents;
using Rag.Core.Retrieval;

namespace Rag.Core.Tests.Answers;

public sealed class SentenceVectorCacheTests
{
    private static readonly string[] Sentences =
    [
        "Hotel costs are reimbursed up to 150 euros per night.",
        "Train travel in second class is the default.",
        "Submit each claim within 30 days.",
    ];

    [Fact]
    public async Task EmbedAsync_SameSentencesAgain_OnlyTheQueryIsEmbeddedAndTheVectorsAreTheSame()
    {
        using var cache = Cache(entries: 100);
        var embedder = new CountingEmbedder(new LetterCountEmbedderFake());

        var first = await cache.EmbedAsync(embedder, ["hotel per night?"], Sentences);
        var second = await cache.EmbedAsync(embedder, ["train class?"], Sentences);

        Assert.Equal((2, 1 + Sentences.Length + 1), (embedder.Calls, embedder.Inputs));
        for (var i = 1; i < first.Length; i++)
        {
            Assert.Equal(first[i].ToArray(), second[i].ToArray());
        }

        var fresh = await new LetterCountEmbedderFake().GenerateAsync(["train class?"]);
        Assert.Equal(fresh[0].Vector.ToArray(), second[0].ToArray());
    }

    [Fact]
    public async Task EmbedAsync_CacheOff_EverySentenceEmbeddedEachTime()
    {
        using var cache = Cache(entries: 0);
        var embedder = new CountingEmbedder(new LetterCountEmbedderFake());

        await cache.EmbedAsync(embedder, ["q"], Sentences);
        await cache.EmbedAsync(embedder, ["q"], Sentences);

        Assert.Equal(2 * (1 + Sentences.Length), embedder.Inputs);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task EmbedAsync_SameQuestionTwice_QuestionNeverCached()
    {
        using var cache = Cache(entries: 100);
        var embedder = new CountingEmbedder(new LetterCountEmbedderFake());

        await cache.EmbedAsync(embedder, ["Who approves leave?"], []);
        await cache.EmbedAsync(embedder, ["Who approves leave?"], []);

        Assert.Equal(2, embedder.Inputs);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task EmbedAsync_MoreSentencesThanEntries_HoldsAtMostTheLimit()
    {
        using var cache = Cache(entries: 2);
        var embedder = new LetterCountEmbedderFake();

        var vectors = await cache.EmbedAsync(embedder, ["q"], [.. Sentences, "A fourth sentence.", "A fifth sentence."]);

        Assert.Equal(6, vectors.Length);
        Assert.All(vectors, v => Assert.False(v.IsEmpty));
        Assert.InRange(cache.Count, 1, 2);
    }

    [Fact]
    public async Task EmbedAsync_TwoQuestionsAtOnce_EachSentenceEmbeddedOnce()
    {
        using var cache = Cache(entries: 100);
        var embedder = new GatedEmbedderFake();

        var first = cache.EmbedAsync(embedder, ["hotel per night?"], Sentences);
        await embedder.Entered;
        var second = cache.EmbedAsync(embedder, ["train class?"], Sentences);
        embedder.Release();
        var (a, b) = (await first, await second);

        Assert.Equal(1 + Sentences.Length + 1, embedder.Calls.Sum(c => c.Count));
        Assert.Equal(["train class?"], embedder.Calls[1]);
        var fresh = await new LetterCountEmbedderFake().GenerateAsync(Sentences);
        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(fresh[i].Vector.ToArray(), a[i + 1].ToArray());
            Assert.Equal(fresh[i].Vector.ToArray(), b[i + 1].ToArray());
        }

        Assert.Equal(0, cache.InFlight);
    }

    [Fact]
    public async Task EmbedAsync_QuestionEmbeddingTheSentencesIsCancelled_TheWaitingQuestionEmbedsThemItself()
    {
        using var cache = Cache(entries: 100);
        var embedder = new GatedEmbedderFake();
        using var cancel = new CancellationTokenSource();

        var first = cache.EmbedAsync(embedder, ["hotel per night?"], Sentences, cancel.Token);
        await embedder.Entered;
        var second = cache.EmbedAsync(embedder, ["train class?"], Sentences);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        embedder.Release();
        var vectors = await second;

        var fresh = await new LetterCountEmbedderFake().GenerateAsync(Sentences);
        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(fresh[i].Vector.ToArray(), vectors[i + 1].ToArray());
        }

        Assert.Equal(Sentences, embedder.Calls[^1]);
        Assert.Equal(0, cache.InFlight);
    }

    [Fact]
    public async Task EmbedAsync_SameSentenceTwiceInOneQuestion_EmbeddedOnce()
    {
        using var cache = Cache(entries: 100);
        var embedder = new CountingEmbedder(new LetterCountEmbedderFake());

        var vectors = await cache.EmbedAsync(embedder, ["q"], [Sentences[0], Sentences[1], Sentences[0]]);

        Assert.Equal(1 + 2, embedder.Inputs);
        Assert.Equal(vectors[1].ToArray(), vectors[3].ToArray());
    }

    [Fact]
    public async Task AnswerAsync_WithCache_SameAnswerAndTheSecondQuestionEmbedsOnlyItself()
    {
        const string Page =
            "Expense Claims\nBusiness expenses are reimbursed when they are approved in advance by your manager. " +
            "Hotel costs are reimbursed up to 150 euros per night. Train travel in second class is the default.";
        var chunk = new Chunk(Guid.NewGuid(), "handbook-1", "handbook", 0, Page, ["Handbook", "Expense Claims"], 1, 1, 0, Page.Length);
        RetrievedChunk[] retrieved = [new RetrievedChunk(chunk, "Handbook", 0.1, 1, 1) { DenseSimilarity = 0.6 }];
        var options = Options.Create(new AnswerOptions());
        var counting = new CountingEmbedder(new LetterCountEmbedderFake());
        using var cache = new SentenceVectorCache(options);
        var cached = new ExtractiveAnswerer(counting, options, cache);
        var uncached = new ExtractiveAnswerer(new LetterCountEmbedderFake(), options);

        var first = await cached.AnswerAsync("How much are hotel costs per night?", retrieved);
        var inputsAfterFirst = counting.Inputs;
        var second = await cached.AnswerAsync("What is the default train travel class?", retrieved);

        Assert.Equal((await uncached.AnswerAsync("How much are hotel costs per night?", retrieved)).Text, first.Text);
        Assert.Equal((await uncached.AnswerAsync("What is the default train travel class?", retrieved)).Text, second.Text);
        Assert.True(inputsAfterFirst > 1);
        Assert.Equal(inputsAfterFirst + 1, counting.Inputs);
        Assert.Contains("150 euros", first.Text, StringComparison.Ordinal);
    }

    private static SentenceVectorCache Cache(int entries) => new(Options.Create(new AnswerOptions { SentenceCacheEntries = entries }));
}
