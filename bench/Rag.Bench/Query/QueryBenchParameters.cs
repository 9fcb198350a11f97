namespace Rag.Bench.Query;

/// <summary>The inputs of a query benchmark run.</summary>
public sealed record QueryBenchParameters(
    IReadOnlyList<int> Sizes,
    int Dimensions,
    int Queries,
    int Warmups,
    int Limit,
    int HybridCandidatesPerSearch,
    int Seed,
    int MinChunksPerDocument,
    int MaxChunksPerDocument,
    string Corpus,
    string QueryEmbedding);
