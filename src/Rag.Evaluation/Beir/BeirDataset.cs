using System.Globalization;
using System.Text.Json;
using Rag.Evaluation.Metrics;

namespace Rag.Evaluation.Beir;

/// <summary>
/// A BEIR-format dataset: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>), <c>queries.jsonl</c>
/// (<c>_id</c>, <c>text</c>) and <c>qrels/SPLIT.tsv</c> (<c>query-id corpus-id score</c>, header row). As BEIR's
/// GenericDataLoader does, only queries that have judgments in the split are kept.
/// </summary>
public sealed class BeirDataset
{
    private BeirDataset(string directory, IReadOnlyList<BeirDocument> corpus, IReadOnlyDictionary<string, string> queries, Qrels qrels)
    {
        Directory = directory;
        Corpus = corpus;
        Queries = queries;
        Qrels = qrels;
    }

    /// <summary>The dataset folder.</summary>
    public string Directory { get; }

    /// <summary>The documents, in file order.</summary>
    public IReadOnlyList<BeirDocument> Corpus { get; }

    /// <summary>Query id → text, judged queries only.</summary>
    public IReadOnlyDictionary<string, string> Queries { get; }

    /// <summary>The judgments of the split.</summary>
    public Qrels Qrels { get; }

    /// <summary>
    /// One fixed half of the judged queries, for choosing settings on one half and confirming them on the other: the
    /// query ids sorted ordinally, <c>a</c> = the queries at even positions (0, 2, 4, ...), <c>b</c> = those at odd
    /// positions (the same halves as the fusion sweep's). The corpus is shared.
    /// </summary>
    public BeirDataset Half(char half)
    {
        var parity = half switch
        {
            'a' or 'A' => 0,
            'b' or 'B' => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(half), half, "The half must be a or b."),
        };
        var kept = Queries.Keys.Order(StringComparer.Ordinal).Where((_, i) => i % 2 == parity).ToList();
        return new BeirDataset(
            Directory,
            Corpus,
            kept.ToDictionary(q => q, q => Queries[q], StringComparer.Ordinal),
            new Qrels(kept.ToDictionary(q => q, q => Qrels.For(q), StringComparer.Ordinal)));
    }

    /// <summary>Loads and validates the dataset in <paramref name="directory"/>; throws <see cref="BeirFormatException"/> naming file and line.</summary>
    public static async Task<BeirDataset> LoadAsync(string directory, string split = "test", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            throw new BeirFormatException($"BEIR dataset folder '{root}' does not exist.");
        }

        var corpusPath = Require(root, "corpus.jsonl");
        var queriesPath = Require(root, "queries.jsonl");
        var qrelsPath = Require(root, Path.Combine("qrels", split + ".tsv"));

        var corpus = new List<BeirDocument>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (line, json) in ReadJsonLinesAsync(corpusPath, cancellationToken))
        {
            var id = RequiredString(json, "_id", corpusPath, line);
            var text = OptionalString(json, "text", corpusPath, line) ?? string.Empty;
            var title = OptionalString(json, "title", corpusPath, line) ?? string.Empty;
            if (!ids.Add(id))
            {
                throw new BeirFormatException($"{corpusPath}:{line}: duplicate document id '{id}'.");
            }

            corpus.Add(new BeirDocument(id, title, text));
        }

        var allQueries = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (line, json) in ReadJsonLinesAsync(queriesPath, cancellationToken))
        {
            var id = RequiredString(json, "_id", queriesPath, line);
            var text = RequiredString(json, "text", queriesPath, line);
            if (!allQueries.TryAdd(id, text))
            {
                throw new BeirFormatException($"{queriesPath}:{line}: duplicate query id '{id}'.");
            }
        }

        var judgments = await ReadQrelsAsync(qrelsPath, cancellationToken);
        var missing = judgments.Keys.FirstOrDefault(q => !allQueries.ContainsKey(q));
        if (missing is not null)
        {
            throw new BeirFormatException($"{qrelsPath}: query '{missing}' has judgments but is not in queries.jsonl.");
        }

        if (corpus.Count == 0)
        {
            throw new BeirFormatException($"{corpusPath}: the corpus is empty.");
        }

        if (judgments.Count == 0)
        {
            throw new BeirFormatException($"{qrelsPath}: no judgments.");
        }

        var queries = judgments.Keys.ToDictionary(q => q, q => allQueries[q], StringComparer.Ordinal);
        return new BeirDataset(root, corpus, queries, new Qrels(judgments));
    }

    private static string Require(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? path : throw new BeirFormatException($"BEIR dataset file '{path}' is missing (expected corpus.jsonl, queries.jsonl and qrels/<split>.tsv).");
    }

    private static async IAsyncEnumerable<(int Line, JsonElement Json)> ReadJsonLinesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        await foreach (var text in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new BeirFormatException($"{path}:{number}: not valid JSON ({ex.Message}).", ex);
            }

            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new BeirFormatException($"{path}:{number}: expected a JSON object.");
            }

            yield return (number, json);
        }
    }

    private static string RequiredString(JsonElement json, string name, string path, int line) =>
        OptionalString(json, name, path, line) is { Length: > 0 } value
            ? value
            : throw new BeirFormatException($"{path}:{line}: '{name}' is missing or empty.");

    private static string? OptionalString(JsonElement json, string name, string path, int line)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            // Some BEIR corpora store numeric ids as numbers.
            JsonValueKind.Number when name == "_id" => value.GetRawText(),
            _ => throw new BeirFormatException($"{path}:{line}: '{name}' must be a string."),
        };
    }

    private static async Task<Dictionary<string, IReadOnlyDictionary<string, int>>> ReadQrelsAsync(string path, CancellationToken cancellationToken)
    {
        var judgments = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var number = 0;
        await foreach (var text in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text) || (number == 1 && text.StartsWith("query-id", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var fields = text.Split('\t');
            if (fields.Length != 3 || fields[0].Length == 0 || fields[1].Length == 0
                || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var grade))
            {
                throw new BeirFormatException($"{path}:{number}: expected 'query-id<TAB>corpus-id<TAB>integer score'.");
            }

            if (!judgments.TryGetValue(fields[0], out var judged))
            {
                judged = new Dictionary<string, int>(StringComparer.Ordinal);
                judgments.Add(fields[0], judged);
            }

            judged[fields[1]] = grade;
        }

        return judgments.ToDictionary(q => q.Key, q => (IReadOnlyDictionary<string, int>)q.Value, StringComparer.Ordinal);
    }
}
