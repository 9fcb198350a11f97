using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Rag.Core.Embeddings;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class UseLiteEmbeddingGeneratorTests(UseLiteGeneratorFixture fixture) : IClassFixture<UseLiteGeneratorFixture>
{
    private readonly UseLiteEmbeddingGenerator _generator = fixture.Generator;

    [Fact]
    public async Task GenerateAsync_ReferenceSentencesInOneBatch_MatchReferenceEmbeddings()
    {
        var reference = UseLiteReference.Load();

        var embeddings = await _generator.GenerateAsync(reference.Sentences);

        AssertMatchesReference(reference, embeddings);
    }

    [Fact]
    public async Task GenerateAsync_BatchSizeOne_MatchReferenceEmbeddings()
    {
        var reference = UseLiteReference.Load();
        using var generator = new UseLiteEmbeddingGenerator(UseLiteReference.Options(batchSize: 1));

        var embeddings = await generator.GenerateAsync(reference.Sentences);

        AssertMatchesReference(reference, embeddings);
    }

    [Fact]
    public async Task GenerateAsync_ParaphrasePair_IsCloserThanUnrelatedPairs()
    {
        var reference = UseLiteReference.Load();
        var e = await _generator.GenerateAsync(reference.Sentences);

        var paraphrase = Cosine(e[0], e[1]);

        Assert.True(paraphrase > 0.5, $"paraphrase cosine {paraphrase}");
        foreach (var (a, b) in new[] { (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) })
        {
            Assert.True(paraphrase > Cosine(e[a], e[b]), $"pair ({a},{b})");
        }
    }

    [Fact]
    public async Task GenerateAsync_ParallelCalls_ReturnIdenticalVectors()
    {
        var reference = UseLiteReference.Load();
        var expected = await _generator.GenerateAsync(reference.Sentences);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _generator.GenerateAsync(reference.Sentences))));

        foreach (var result in results)
        {
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Vector.ToArray(), result[i].Vector.ToArray());
            }
        }
    }

    [Fact]
    public async Task GenerateAsync_InputOverMaxTokens_IsTruncatedAndEmbedded()
    {
        // 13 tokens per sentence: 30 and 40 repeats share their first 128 tokens, so truncated inputs
        // embed identically. (The model also saturates on its own; SparseBatchTests guards the cut.)
        var thirty = string.Join(' ', Enumerable.Repeat("The invoice is due at the end of the month.", 30));
        var forty = string.Join(' ', Enumerable.Repeat("The invoice is due at the end of the month.", 40));
        Assert.Equal(128, _generator.MaxTokens);
        Assert.True(_generator.CountTokens(thirty) > 128);

        var e = await _generator.GenerateAsync([thirty, forty]);

        Assert.Equal(512, e[0].Vector.Length);
        Assert.Equal(1.0, Norm(e[0].Vector.Span), 4);
        var a = e[0].Vector.ToArray();
        var b = e[1].Vector.ToArray();
        for (var d = 0; d < a.Length; d++)
        {
            Assert.Equal(a[d], b[d], 6);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GenerateAsync_EmptyOrWhitespace_YieldsUnitVector(string text)
    {
        var e = await _generator.GenerateAsync([text, "hello"]);

        Assert.Equal(2, e.Count);
        Assert.Equal(1.0, Norm(e[0].Vector.Span), 4);
    }

    [Fact]
    public void GetService_KnownAndUnknownTypes_FollowContract()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("onnx", metadata.ProviderName);
        Assert.Equal("use-lite", metadata.DefaultModelId);
        Assert.Equal(512, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<IEmbeddingTokenizer>());
        Assert.Null(_generator.GetService<IEmbeddingTokenizer>("key"));
        Assert.Null(_generator.GetService(typeof(string)));
    }

    [Fact]
    public void Constructor_CudaNamedInCpuOnlyBuild_ThrowsNamingTheSetting()
    {
        var logger = new CapturingLogger();

        var ex = Assert.Throws<InvalidOperationException>(() => new UseLiteEmbeddingGenerator(UseLiteReference.Options(provider: ExecutionProvider.Cuda), logger));

        Assert.StartsWith("Rag:Embedding:ExecutionProvider is Cuda, but ONNX Runtime cannot use it", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-p:RagGpu=true", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_AutoOnCpuOnlyMachine_FallsBackToCpuSayingWhy()
    {
        var logger = new CapturingLogger();
        using var generator = new UseLiteEmbeddingGenerator(UseLiteReference.Options(provider: ExecutionProvider.Auto), logger);
        var reference = UseLiteReference.Load();

        var e = await generator.GenerateAsync(reference.Sentences);

        AssertMatchesReference(reference, e);
        Assert.Equal(ExecutionProvider.Cpu, generator.ExecutionProviderInUse);
        Assert.DoesNotContain(logger.Entries, x => x.Level >= LogLevel.Warning);
        var fallback = Assert.Single(logger.Entries, x => x.Message.Contains("chosen by Auto", StringComparison.Ordinal));
        Assert.Contains("Cuda", fallback.Message, StringComparison.Ordinal);
        Assert.Contains("no CUDA provider", fallback.Message, StringComparison.Ordinal);
        Assert.Contains(logger.Entries, x => x.Message == "Embedding model use-lite runs on execution provider Cpu (requested Auto)");
    }

    private static void AssertMatchesReference(UseLiteReference reference, GeneratedEmbeddings<Embedding<float>> embeddings)
    {
        Assert.Equal(reference.Sentences.Length, embeddings.Count);
        for (var i = 0; i < embeddings.Count; i++)
        {
            var actual = embeddings[i].Vector.ToArray();
            Assert.Equal(512, actual.Length);
            for (var d = 0; d < actual.Length; d++)
            {
                Assert.True(Math.Abs(reference.Embeddings[i][d] - actual[d]) < 1e-5, $"sentence {i} dim {d}: {reference.Embeddings[i][d]} vs {actual[d]}");
            }
        }
    }

    private static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b)
    {
        double dot = 0;
        var x = a.Vector.Span;
        var y = b.Vector.Span;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
        }

        return dot / (Norm(x) * Norm(y));
    }
}
