using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rag.Core.Access;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Storage;

namespace Rag.Bench.Query;

/// <summary>
/// The keyword search's set filter under load from a set the caller cannot read (issue 12): an index of readable and
/// unreadable chunks where a frequent term fills the unreadable set, timed against a control term with the same number
/// of readable matches and none in the unreadable set, call by call, through the product's own
/// <see cref="SqliteDocumentIndex.SearchKeywordAsync"/>.
/// </summary>
public static class KeywordFilterScenario
{
    private const string ReadableSet = "bench";
    private const string UnreadableSet = "bench-restricted";
    private const int FillerWords = 80;
    private const int FillerVocabulary = 3_000;

    private static readonly AccessScope s_reader = new("bench", ["bench-readers"]);

    /// <summary>Builds the index in <paramref name="dataDirectory"/> (which must not exist or be empty) and times both terms.</summary>
    public static async Task<KeywordFilterResult> RunAsync(
        KeywordFilterOptions shape, QueryBenchOptions options, string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        shape.Validate();

        // Words come from the synthetic vocabulary; the two terms are ranks the filler never draws.
        var corpus = new SyntheticCorpus(options.Seed, QueryBenchmark.Dimensions, 1, 1);
        var random = new Random(options.Seed);
        var frequent = corpus.Word(19_998);
        var control = corpus.Word(19_999);
        await using var index = await SqliteDocumentIndex.OpenAsync(new StorageOptions { DataDirectory = dataDirectory }, cancellationToken: cancellationToken);
        await index.EnsureModelAsync(new EmbeddingModelInfo("synthetic-unit-vectors", QueryBenchmark.Dimensions), cancellationToken);
        await index.UpsertDocumentSetAsync(new DocumentSet(UnreadableSet, ["bench-others"]), cancellationToken);
        await index.UpsertDocumentSetAsync(new DocumentSet(ReadableSet, ["bench-readers"]), cancellationToken);

        await AddAsync(index, corpus, random, UnreadableSet, shape.UnreadableChunks, shape.ChunksPerDocument, _ => frequent, cancellationToken);
        var stride = shape.ReadableChunks / shape.ReadableMatches;
        await AddAsync(
            index, corpus, random, ReadableSet, shape.ReadableChunks, shape.ChunksPerDocument,
            i => i / stride >= shape.ReadableMatches ? null : (i % stride) switch { 0 => frequent, 1 => control, _ => null },
            cancellationToken);

        // The measurement means something only if both terms find exactly the caller's matches.
        var frequentHits = (await index.SearchKeywordAsync(frequent, s_reader, shape.ReadableMatches + shape.UnreadableChunks, cancellationToken)).Count;
        var controlHits = (await index.SearchKeywordAsync(control, s_reader, shape.ReadableMatches + shape.UnreadableChunks, cancellationToken)).Count;
        if (frequentHits != shape.ReadableMatches || controlHits != shape.ReadableMatches)
        {
            throw new InvalidOperationException(
                $"The keyword filter scenario expected {shape.ReadableMatches} readable hits per term; the caller found {frequentHits} for '{frequent}' and {controlHits} for '{control}'.");
        }

        var (frequentMillis, controlMillis) = await TimeAlternatelyAsync(
            options, () => index.SearchKeywordAsync(frequent, s_reader, options.Limit, cancellationToken), () => index.SearchKeywordAsync(control, s_reader, options.Limit, cancellationToken), cancellationToken);
        var (f, c) = (LatencySummary.Of(frequentMillis), LatencySummary.Of(controlMillis));
        return new KeywordFilterResult(
            shape.UnreadableChunks + shape.ReadableChunks, shape.UnreadableChunks, frequent, control, shape.ReadableMatches,
            frequentHits, controlHits, f, c, f.P50Ms / c.P50Ms, f.P50Ms - c.P50Ms);
    }

    private static async Task AddAsync(
        SqliteDocumentIndex index, SyntheticCorpus corpus, Random random, string set, int chunks, int perDocument, Func<int, string?> termOf, CancellationToken cancellationToken)
    {
        var id = new byte[16];
        for (var first = 0; first < chunks; first += perDocument)
        {
            var count = Math.Min(perDocument, chunks - first);
            var documentId = set + "-" + (first / perDocument).ToString("D5", CultureInfo.InvariantCulture);
            var document = new SourceDocument(documentId, set, "Keyword filter " + documentId, documentId + ".txt", documentId, "text/plain", 0);
            var embedded = new List<EmbeddedChunk>(count);
            var offset = 0;
            for (var i = 0; i < count; i++)
            {
                var text = Text(corpus, random, termOf(first + i));
                var vector = new float[QueryBenchmark.Dimensions];
                corpus.NextUnitVector(vector);
                random.NextBytes(id);
                embedded.Add(new EmbeddedChunk(new Chunk(new Guid(id), documentId, set, i, text, ["Section"], 0, 0, offset, offset + text.Length), vector));
                offset += text.Length + 1;
            }

            await index.ReplaceDocumentAsync(document, embedded, cancellationToken);
        }
    }

    private static string Text(SyntheticCorpus corpus, Random random, string? term)
    {
        var at = term is null ? -1 : random.Next(FillerWords);
        var text = new StringBuilder(FillerWords * 9);
        for (var i = 0; i < FillerWords; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(i == at ? term : corpus.Word(50 + random.Next(FillerVocabulary)));
        }

        return text.Append('.').ToString();
    }

    /// <summary>Frequent and control queries alternate call by call, so load from other processes hits both alike.</summary>
    private static async Task<(List<double> Frequent, List<double> Control)> TimeAlternatelyAsync<T>(
        QueryBenchOptions options, Func<Task<T>> frequent, Func<Task<T>> control, CancellationToken cancellationToken)
    {
        var warmupStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Warmups || Stopwatch.GetElapsedTime(warmupStarted) < options.EffectiveWarmupTime; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await frequent();
            await control();
        }

        var (f, c) = (new List<double>(options.Queries), new List<double>(options.Queries));
        for (var i = 0; i < options.Queries; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Which term goes first alternates too, so neither always runs on the other's warm pages.
            if (i % 2 == 0)
            {
                f.Add(await TimeAsync(frequent));
                c.Add(await TimeAsync(control));
            }
            else
            {
                c.Add(await TimeAsync(control));
                f.Add(await TimeAsync(frequent));
            }
        }

        return (f, c);
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> search)
    {
        var started = Stopwatch.GetTimestamp();
        await search();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
