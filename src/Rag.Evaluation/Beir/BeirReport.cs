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
/// <param name="PublishedNdcgAt10">Published nDCG@10 figures that belong to this dataset and query set (<see cref="BeirReferences"/>); empty when none do.</param>
/// <param name="FusionSweep">The fusion grid, best first, when <c>--sweep</c> was given.</param>
/// <param name="Half">The half of the queries evaluated (a or b, <see cref="BeirDataset.Half"/>); null for all of them.</param>
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
    IReadOnlyList<FusionSetting>? FusionSweep = null,
    string? Half = null);
