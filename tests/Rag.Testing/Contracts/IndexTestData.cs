using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;
using Rag.Core.Storage;

namespace Rag.Testing.Contracts;

/// <summary>Builders for small, self-contained index contents used by the contract suites.</summary>
public static class IndexTestData
{
    /// <summary>Vector length of <see cref="Model"/>.</summary>
    public const int Dimensions = 8;

    /// <summary>The model every contract test binds.</summary>
    public static EmbeddingModelInfo Model { get; } = new("contract-test-model", Dimensions);

    /// <summary>A caller named "user" in <paramref name="groups"/>.</summary>
    public static AccessScope User(params string[] groups) => new("user", groups);

    /// <summary>The unit vector along <paramref name="axis"/>.</summary>
    public static float[] Axis(int axis)
    {
        var v = new float[Dimensions];
        v[axis] = 1f;
        return v;
    }

    /// <summary><paramref name="weight"/> along <paramref name="axis"/> plus <paramref name="rest"/> along <paramref name="other"/>.</summary>
    public static float[] Mix(int axis, float weight, int other, float rest)
    {
        var v = new float[Dimensions];
        v[axis] = weight;
        v[other] += rest;
        return v;
    }

    /// <summary>A deterministic random vector: <paramref name="center"/> plus noise of size <paramref name="noise"/>.</summary>
    public static float[] Near(float[] center, float noise, Random random)
    {
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(random);
        var v = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            v[i] = center[i] + ((float)random.NextDouble() - 0.5f) * 2 * noise;
        }

        return v;
    }

    /// <summary>The document at <paramref name="sourcePath"/> in <paramref name="setName"/>, version <paramref name="contentHash"/>.</summary>
    public static SourceDocument Document(string setName, string sourcePath, string contentHash = "v1", string? title = null) =>
        new(DocumentIds.For(setName, sourcePath), setName, title ?? sourcePath, sourcePath, contentHash, "text/plain", 0);

    /// <summary>Chunks of <paramref name="document"/> with deterministic ids, one per (text, vector).</summary>
    public static List<EmbeddedChunk> Chunks(SourceDocument document, params (string Text, float[] Vector)[] parts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parts);
        var offset = 0;
        var chunks = new List<EmbeddedChunk>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var (text, vector) = parts[i];
            var chunk = new Chunk(
                ChunkIds.For(document.DocumentId, document.ContentHash, i),
                document.DocumentId,
                document.SetName,
                i,
                text,
                ["Section " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)],
                0,
                0,
                offset,
                offset + text.Length);
            offset += text.Length + 2;
            chunks.Add(new EmbeddedChunk(chunk, vector));
        }

        return chunks;
    }

    /// <summary>Stores a document made of <paramref name="parts"/> and returns its chunks.</summary>
    public static async Task<List<EmbeddedChunk>> AddAsync(IDocumentIndex index, SourceDocument document, params (string Text, float[] Vector)[] parts)
    {
        ArgumentNullException.ThrowIfNull(index);
        var chunks = Chunks(document, parts);
        await index.ReplaceDocumentAsync(document, chunks);
        return chunks;
    }
}
