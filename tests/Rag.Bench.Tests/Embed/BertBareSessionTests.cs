using Rag.Bench.Embed;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Bench.Tests.Embed;

/// <summary>The BERT baseline against the product's generator, both on the installed all-MiniLM-L6-v2.</summary>
public sealed class BertBareSessionTests
{
    // Over 256 word pieces, so the default limit truncates it; the short texts pad the batch.
    private static readonly string[] Texts =
    [
        string.Join(' ', Enumerable.Range(0, 160).Select(i => $"diffusion tensor imaging of preterm infant {i}")),
        "How do I reset my VPN password?",
        "x",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public async Task Embed_SameTexts_GivesTheGeneratorsVectors(int maxTokens)
    {
        var options = MiniLmOptions(maxTokens);
        using var generator = new BertEmbeddingGenerator(options);
        using var bare = BertBareSession.Open(options);

        using var batch = bare.Prepare(Texts);
        var vectors = bare.Embed(batch);
        var expected = await generator.GenerateAsync(Texts);

        Assert.Equal(Texts.Length, vectors.Length);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(generator.Dimensions, vectors[i].Length);
            var want = expected[i].Vector.ToArray();
            Assert.All(Enumerable.Range(0, want.Length), d => Assert.Equal(want[d], vectors[i][d], 1e-5f));
        }
    }

    [Fact]
    public void Prepare_Texts_CountsTokensAsTheGeneratorsTokenizerAfterTruncation()
    {
        var options = MiniLmOptions(maxTokens: 0);
        using var generator = new BertEmbeddingGenerator(options);
        using var bare = BertBareSession.Open(options);

        using var batch = bare.Prepare(Texts);

        Assert.True(generator.CountTokens(Texts[0]) > generator.MaxTokens, "the long text must be truncated for this test to mean anything");
        Assert.Equal(Texts.Length, batch.Count);
        Assert.Equal(Texts.Sum(t => Math.Min(generator.CountTokens(t), generator.MaxTokens)), batch.Tokens);
    }

    [Fact]
    public void Open_UseLiteOptions_FailsNamingTheModel()
    {
        var options = new EmbeddingOptions { ModelsDirectory = TestModels.ModelsRoot, Model = TestModels.UseLite, Kind = EmbeddingModelKind.UseLite };

        var error = Assert.Throws<InvalidOperationException>(() => BertBareSession.Open(options));

        Assert.Contains("'use-lite'", error.Message, StringComparison.Ordinal);
    }

    internal static EmbeddingOptions MiniLmOptions(int maxTokens) => new()
    {
        ModelsDirectory = TestModels.ModelsRoot,
        Model = Path.GetFileName(TestModels.Directory(TestModels.MiniLm)),
        Kind = EmbeddingModelKind.Bert,
        ExecutionProvider = ExecutionProvider.Cpu,
        MaxTokens = maxTokens,
    };
}
