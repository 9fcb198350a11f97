using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

/// <summary>all-MiniLM-L6-v2 as installed by <c>./rag models install all-minilm-l6-v2</c>, through the BERT path.</summary>
public sealed class MiniLmEmbeddingGeneratorTests : IClassFixture<MiniLmGeneratorFixture>
{
    private readonly BertEmbeddingGenerator _generator;

    public MiniLmEmbeddingGeneratorTests(MiniLmGeneratorFixture fixture) => _generator = fixture.Generator;

    [Fact]
    public async Task GenerateAsync_AnyText_Gives384L2NormalisedDimensions()
    {
        var embeddings = await _generator.GenerateAsync(["How do I reset my VPN password?", "x"]);

        Assert.Equal(384, _generator.Dimensions);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.InRange(Math.Sqrt(e.Vector.ToArray().Sum(v => (double)v * v)), 0.999, 1.001);
        });
    }

    [Fact]
    public async Task GenerateAsync_Paraphrases_AreClearlyCloserThanUnrelatedSentences()
    {
        string[] texts =
        [
            "How do I reset my VPN password?",
            "What are the steps to change the password of the VPN?",
            "Mitochondria produce most of the cell's chemical energy.",
            "The cell gets most of its energy from its mitochondria.",
            "The quarterly travel budget is capped at 5,000 euros.",
        ];
        var e = (await _generator.GenerateAsync(texts)).Select(x => x.Vector.ToArray()).ToArray();

        var paraphrases = Math.Min(Cosine(e[0], e[1]), Cosine(e[2], e[3]));
        var unrelated = new[] { Cosine(e[0], e[2]), Cosine(e[0], e[4]), Cosine(e[1], e[3]), Cosine(e[2], e[4]), Cosine(e[3], e[4]) }.Max();

        Assert.True(paraphrases > 0.6, $"paraphrase cosine {paraphrases:F3}");
        Assert.True(paraphrases - unrelated > 0.3, $"paraphrases {paraphrases:F3} vs unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task GenerateAsync_SameTextAloneOrInABatch_GivesTheSameVector()
    {
        var alone = (await _generator.GenerateAsync(["VPN password reset"]))[0].Vector.ToArray();
        var batched = (await _generator.GenerateAsync(["a much longer sentence that forces padding of the shorter one in the batch", "VPN password reset"]))[1].Vector.ToArray();

        Assert.True(Cosine(alone, batched) > 0.9999, $"cosine {Cosine(alone, batched):F6}");
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
