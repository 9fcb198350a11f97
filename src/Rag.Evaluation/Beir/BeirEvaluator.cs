using System.Diagnostics;
using System.Globalization;
using Rag.Core.Access;
using Rag.Core.Retrieval;
using Rag.Evaluation.Metrics;
using Rag.Ingest.Pipeline;

namespace Rag.Evaluation.Beir;

/// <summary>
/// Runs a BEIR dataset through the product: the corpus is ingested by the real <see cref="IngestionPipeline"/> into
/// the index the caller's services point at (a throw-away data directory), every judged query is answered by the
/// real <see cref="HybridRetriever"/>, chunk hits are folded into documents (a document scores its best chunk, the
/// usual MaxP rule for passage-level indexes), and the ranking is scored with <see cref="RetrievalScores"/>.
/// </summary>
public sealed class BeirEvaluator
{
    /// <summary>The document set the corpus goes into.</summary>
    public const string SetName = "beir-eval";

    /// <summary>Documents kept per query: BEIR's Recall@100 needs 100.</summary>
    public const int DocumentsPerQuery = 100;

    private static readonly AccessScope Scope = new("beir-eval", [SetName]);

    private readonly IngestionPipeline _pipeline;
    private readonly HybridRetriever _retriever;

    /// <summary>Creates the evaluator over the services of a throw-away data directory.</summary>
    public BeirEvaluator(IngestionPipeline pipeline, HybridRetriever retriever)
    {
        _pipeline = pipeline;
        _retriever = retriever;
    }

    /// <summary>
    /// Writes the corpus as Markdown under <paramref name="workDirectory"/> and ingests it (unchanged files are skipped
    /// by the pipeline, so a reused index costs one hash per file). Returns the summary and index document id → corpus id.
    /// </summary>
    public async Task<(BeirIngestSummary Summary, IReadOnlyDictionary<string, string> CorpusIds)> IngestAsync(
        BeirDataset dataset,
        string workDirectory,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(workDirectory, "corpus");
        var reused = Directory.Exists(folder);
        var names = await BeirCorpusWriter.WriteAsync(dataset.Corpus, folder, cancellationToken);
        var corpusIds = new Dictionary<string, string>(StringComparer.Ordinal);
        int documents = 0, failed = 0, chunks = 0;
        var reasons = new List<string>();
        var request = new IngestionRequest([folder], SetName, [SetName], "eval:beir");
        await foreach (var result in _pipeline.IngestAsync(request, progress, cancellationToken))
        {
            var name = Path.GetFileName(result.Path);
            if (result.DocumentId is not null && names.TryGetValue(name, out var corpusId))
            {
                corpusIds[result.DocumentId] = corpusId;
            }

            switch (result.Status)
            {
                case IngestionStatus.Indexed or IngestionStatus.Unchanged:
                    documents++;
                    chunks += result.Chunks;
                    break;
                default:
                    failed++;
                    if (reasons.Count < 3)
                    {
                        reasons.Add($"{name}: {result.Reason}");
                    }

                    break;
            }
        }

        return (new BeirIngestSummary(documents, failed, chunks, clock.Elapsed.TotalSeconds, reused), corpusIds);
    }

    /// <summary>Answers every judged query in <paramref name="mode"/> and scores the document rankings.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="corpusIds">Index document id → corpus id, from <see cref="IngestAsync"/>.</param>
    /// <param name="mode">The retrieval mode.</param>
    /// <param name="k">The metric cut-off (10 in BEIR tables).</param>
    /// <param name="chunkDepth">Chunks retrieved per query before folding into documents.</param>
    /// <param name="progress">Receives the number of queries done.</param>
    /// <param name="halves">Also score each fixed half of the queries (<see cref="BeirDataset.Half"/>).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<(BeirModeResult Result, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Runs)> EvaluateAsync(
        BeirDataset dataset,
        IReadOnlyDictionary<string, string> corpusIds,
        RetrievalMode mode,
        int k = 10,
        int chunkDepth = 1000,
        IProgress<int>? progress = null,
        bool halves = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(corpusIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkDepth, DocumentsPerQuery);
        var runs = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var latencies = new List<double>(dataset.Queries.Count);
        var total = Stopwatch.StartNew();
        foreach (var (queryId, text) in dataset.Queries.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            var clock = Stopwatch.StartNew();
            var chunks = await _retriever.RetrieveAsync(text, Scope, mode, chunkDepth, cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            runs[queryId] = FoldIntoDocuments(chunks, corpusIds, Math.Max(DocumentsPerQuery, k));
            progress?.Report(runs.Count);
        }

        var scores = RetrievalScores.Evaluate(runs, dataset.Qrels, k);
        latencies.Sort();
        var median = latencies.Count == 0 ? 0 : latencies[latencies.Count / 2];
        return (new BeirModeResult(
            Name(mode),
            scores,
            total.Elapsed.TotalSeconds,
            median,
            halves ? RetrievalScores.Evaluate(runs, dataset.Half('a').Qrels, k) : null,
            halves ? RetrievalScores.Evaluate(runs, dataset.Half('b').Qrels, k) : null), runs);
    }

    /// <summary>The BEIR name of a mode: dense, bm25 or hybrid.</summary>
    public static string Name(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Dense => "dense",
        RetrievalMode.Keyword => "bm25",
        _ => "hybrid",
    };

    /// <summary>Parses dense, bm25 (or keyword) and hybrid.</summary>
    public static RetrievalMode ParseMode(string name) => name.Trim().ToLowerInvariant() switch
    {
        "dense" => RetrievalMode.Dense,
        "bm25" or "keyword" => RetrievalMode.Keyword,
        "hybrid" => RetrievalMode.Hybrid,
        _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Unknown retrieval mode '{name}': use dense, bm25 or hybrid.")),
    };

    /// <summary>Each document scores its best chunk; the first <paramref name="limit"/> documents in chunk order are kept.</summary>
    internal static Dictionary<string, double> FoldIntoDocuments(IReadOnlyList<RetrievedChunk> chunks, IReadOnlyDictionary<string, string> corpusIds, int limit)
    {
        var documents = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunk in chunks)
        {
            if (!corpusIds.TryGetValue(chunk.Chunk.DocumentId, out var corpusId))
            {
                continue;
            }

            if (documents.TryGetValue(corpusId, out var best))
            {
                documents[corpusId] = Math.Max(best, chunk.Score);
            }
            else if (documents.Count < limit)
            {
                documents.Add(corpusId, chunk.Score);
            }
        }

        return documents;
    }
}
