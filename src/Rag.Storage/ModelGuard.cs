using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Storage;
using Rag.Storage.Vectors;

namespace Rag.Storage;

/// <summary>Refuses to mix embedding models, and checks chunks before anything is written.</summary>
internal static class ModelGuard
{
    private const string Remedy = "Vectors of different models cannot be compared: configure the original model again, or re-ingest every document into a new, empty data directory.";

    /// <summary>Throws when <paramref name="requested"/> is not the model the index is bound to.</summary>
    public static void ThrowIfDifferent(EmbeddingModelInfo bound, EmbeddingModelInfo requested)
    {
        if (!string.Equals(bound.ModelId, requested.ModelId, StringComparison.Ordinal) || bound.Dimensions != requested.Dimensions)
        {
            throw new EmbeddingModelMismatchException(
                $"This index was built with embedding model '{bound.ModelId}' ({bound.Dimensions} dimensions), but model '{requested.ModelId}' " +
                $"({requested.Dimensions} dimensions) is configured. {Remedy}");
        }
    }

    /// <summary>Throws when a query vector's length is not the bound model's dimension.</summary>
    public static void ThrowIfWrongQuery(EmbeddingModelInfo? bound, int length)
    {
        if (bound is not null && length != bound.Dimensions)
        {
            throw new EmbeddingModelMismatchException(
                $"The query vector has {length} dimensions, but this index holds vectors of embedding model '{bound.ModelId}' ({bound.Dimensions} dimensions). {Remedy}");
        }
    }

    /// <summary>
    /// Checks that a model is bound and every vector is finite and of its length; returns unit-length copies of the vectors.
    /// </summary>
    public static float[][] PrepareVectors(EmbeddingModelInfo? bound, IReadOnlyList<EmbeddedChunk> chunks)
    {
        if (chunks.Count > 0 && bound is null)
        {
            throw new InvalidOperationException("No embedding model is bound to this index yet; call EnsureModelAsync before adding chunks.");
        }

        var vectors = new float[chunks.Count][];
        for (var i = 0; i < chunks.Count; i++)
        {
            var (chunk, vector) = chunks[i];
            if (vector.Length != bound!.Dimensions)
            {
                throw new EmbeddingModelMismatchException(
                    $"Chunk {chunk.Index} of document '{chunk.DocumentId}' has a vector of {vector.Length} dimensions, but this index holds vectors of " +
                    $"embedding model '{bound.ModelId}' ({bound.Dimensions} dimensions). {Remedy}");
            }

            if (!VectorMath.IsFinite(vector.Span))
            {
                throw new ArgumentException($"Chunk {chunk.Index} of document '{chunk.DocumentId}' has a vector with NaN or infinite components.", nameof(chunks));
            }

            vectors[i] = VectorMath.Normalized(vector.Span);
        }

        return vectors;
    }
}
