using Rag.Core.Documents;

namespace Rag.Core.Storage;

/// <summary>A chunk found by a search, with its score and the owning document's title.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="DocumentTitle">Title of the chunk's document.</param>
/// <param name="Score">Higher is better; the scale depends on the search (cosine, BM25, fused).</param>
public sealed record SearchHit(Chunk Chunk, string DocumentTitle, double Score);
