using Rag.Core.Embeddings;
using Rag.Core.Retrieval;
using Rag.Evaluation.Reporting;

namespace Rag.Evaluation.Beir;

/// <summary>What <c>rag eval beir --json</c> writes.</summary>
/// <param name="Environment">Machine, runtime and commit.</param>
/// <param name="Dataset">Dataset folder name.</param>
/// <param name="Documents">Corpus size.</param>
/// <param name="Queries">Judged queries evaluated.</param>
/// <param name="Model">The embedding model of the index.</param>
/// <param name="Retrieval">Retrieval settings in force.</param>
/// <param name="Chunking">Chunking settings in force (max tokens, overlap, min chunk; 0 = the model's limit).</param>
/// <param name="ChunkDepth">Chunks retrieved per query before folding into documents.</param>
/// <param name="Ingest">How the corpus was ingested.</param>
/// <param name="Results">One entry per mode.</param>
/// <param name="PublishedNdcgAt10">Published SciFact reference points (BEIR paper, MTEB), for the table.</param>
/// <param name="FusionSweep">The fusion grid, best first, when <c>--sweep</c> was given.</param>
public sealed record BeirReport(
    RunEnvironment Environment,
    string Dataset,
    int Documents,
    int Queries,
    EmbeddingModelInfo? Model,
    RetrievalOptions Retrieval,
    IReadOnlyDictionary<string, int> Chunking,
    int ChunkDepth,
    BeirIngestSummary Ingest,
    IReadOnlyList<BeirModeResult> Results,
    IReadOnlyDictionary<string, double> PublishedNdcgAt10,
    IReadOnlyList<FusionSetting>? FusionSweep = null)
{
    /// <summary>SciFact nDCG@10 reference points quoted by the project (BEIR paper; MTEB leaderboard).</summary>
    public static IReadOnlyDictionary<string, double> SciFactReferences { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["bm25 (BEIR, Elasticsearch)"] = 0.665,
        ["all-MiniLM-L6-v2"] = 0.645,
        ["bge-small-en-v1.5"] = 0.72,
    };
}
