using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Rag.Core.Audit;
using Rag.Core.Storage;

namespace Rag.Web.Workspaces.Audit;

/// <summary>
/// Tells one question's story from the audit trail (records sharing a correlation id), its retrieved chunks joined to the
/// catalog so documents appear by title and file name; a document removed since is described by what the trail recorded
/// when it was indexed. Reading it is recorded first (<see cref="AuditActions.AuditRead"/>).
/// </summary>
public sealed class AuditQuestionStories(IAuditLog log, IAuditSearch search, IDocumentCatalog catalog, IDocumentInventory inventory)
{
    /// <summary>Longest correlation id accepted (ids are GUIDs or short request ids).</summary>
    public const int MaxCorrelationIdLength = 200;

    /// <summary>The story of <paramref name="correlationId"/>, or null when no record carries it.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a compliance officer.</exception>
    /// <exception cref="ArgumentException">The id is empty or too long.</exception>
    /// <exception cref="AuditUnavailableException">The read could not be recorded, so nothing is shown.</exception>
    public async Task<AuditQuestionStory?> GetAsync(ClaimsPrincipal user, string correlationId, string clientAddress, CancellationToken cancellationToken = default)
    {
        ComplianceAccess.Demand(user);
        if (string.IsNullOrWhiteSpace(correlationId) || correlationId.Length > MaxCorrelationIdLength)
        {
            throw new ArgumentException($"A correlation id is 1 to {MaxCorrelationIdLength} characters.", nameof(correlationId));
        }

        correlationId = correlationId.Trim();
        await log.AppendAsync(
            new AuditEvent(AuditActions.AuditRead, ComplianceAccess.Actor(user), [], AuditOutcomes.Ok)
            {
                Detail = JsonSerializer.Serialize(new { correlationId }),
                ClientAddress = clientAddress,
            },
            cancellationToken);
        var records = await search.CorrelatedAsync(correlationId, cancellationToken);
        if (records.Count == 0)
        {
            return null;
        }

        var question = records.FirstOrDefault(r => r.Event.Action == AuditActions.QuestionAsked);
        var retrieval = records.LastOrDefault(r => r.Event.Action == AuditActions.ChunksRetrieved);
        var answer = records.LastOrDefault(r => r.Event.Action == AuditActions.AnswerGiven);
        var cited = answer?.Event.Targets.ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        return new AuditQuestionStory(correlationId, records)
        {
            Question = question,
            QuestionText = Text(question, "question"),
            QuestionSha256 = Text(question, "questionSha256"),
            Retrieval = retrieval,
            Sources = retrieval is null ? [] : await DescribeAsync(RetrievedChunks(retrieval), cited, cancellationToken),
            Answer = answer,
            AnswerText = Text(answer, "answer"),
            AnswerSha256 = Text(answer, "answerSha256"),
            Refusals = [.. records.Where(r => r.Event.Outcome is AuditOutcomes.Denied or AuditOutcomes.Failed)],
        };
    }

    private async Task<IReadOnlyList<AuditRetrievedSource>> DescribeAsync(List<AuditRetrievedSource> recorded, HashSet<string> cited, CancellationToken cancellationToken)
    {
        if (recorded.Count == 0)
        {
            return recorded;
        }

        // Every set, whatever the officer's own groups: only the chunks' places (title, file, set, pages) are shown, never their text.
        var sets = (await inventory.ListDocumentSetsAsync(cancellationToken)).Select(s => s.Set.Name).ToList();
        var ids = recorded.Select(r => Guid.TryParse(r.ChunkId, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().Select(id => new ScoredChunk(id, 0)).ToList();
        var hits = (await catalog.HydrateAsync(ids, sets, cancellationToken)).ToDictionary(h => h.Chunk.Id.ToString("D", CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        var documents = new Dictionary<string, AuditRetrievedSource?>(StringComparer.Ordinal);
        var described = new List<AuditRetrievedSource>(recorded.Count);
        foreach (var source in recorded)
        {
            var isCited = cited.Contains(source.ChunkId);
            if (hits.TryGetValue(source.ChunkId, out var hit))
            {
                described.Add(source with
                {
                    State = AuditSourceState.Indexed, Title = hit.DocumentTitle, SourcePath = hit.Chunk.SourcePath, SetName = hit.Chunk.SetName,
                    FirstPage = hit.Chunk.FirstPage, LastPage = hit.Chunk.LastPage, Cited = isCited,
                });
                continue;
            }

            if (!documents.TryGetValue(source.DocumentId, out var document))
            {
                document = await DocumentAsync(source.DocumentId, cancellationToken);
                documents[source.DocumentId] = document;
            }

            described.Add(document is null
                ? source with { State = AuditSourceState.Removed, Cited = isCited }
                : source with { State = document.State, Title = document.Title, SourcePath = document.SourcePath, SetName = document.SetName, Cited = isCited });
        }

        return described;
    }

    /// <summary>The document as the catalog holds it now, or as the trail recorded it when it was last indexed; null when neither knows it.</summary>
    private async Task<AuditRetrievedSource?> DocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        if (await catalog.GetDocumentAsync(documentId, cancellationToken) is { } current)
        {
            return new AuditRetrievedSource(0, string.Empty, documentId, current.ContentHash, null, AuditSourceState.Replaced)
            {
                Title = current.Title, SourcePath = current.SourcePath, SetName = current.SetName,
            };
        }

        var indexed = await search.SliceAsync(new AuditQuery { Target = documentId, Action = AuditActions.DocumentIndexed, PageSize = 1 }, 0, oldestFirst: false, cancellationToken);
        if (indexed is not [var record])
        {
            return null;
        }

        return new AuditRetrievedSource(0, string.Empty, documentId, null, null, AuditSourceState.Removed)
        {
            SourcePath = Text(record, "path"),
            SetName = record.Event.Targets.Count > 1 ? record.Event.Targets[1] : null,
        };
    }

    /// <summary>The chunks a <c>retrieval.performed</c> record lists (<c>{"chunks":[{documentId, version, chunkId, score}]}</c>), in order.</summary>
    private static List<AuditRetrievedSource> RetrievedChunks(AuditRecord retrieval)
    {
        var sources = new List<AuditRetrievedSource>();
        using var detail = Parse(retrieval);
        if (detail is null || detail.RootElement.ValueKind != JsonValueKind.Object
            || !detail.RootElement.TryGetProperty("chunks", out var chunks) || chunks.ValueKind != JsonValueKind.Array)
        {
            return sources;
        }

        foreach (var chunk in chunks.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            sources.Add(new AuditRetrievedSource(
                sources.Count + 1,
                String(chunk, "chunkId") ?? string.Empty,
                String(chunk, "documentId") ?? string.Empty,
                String(chunk, "version"),
                chunk.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
                AuditSourceState.Removed));
        }

        return sources;
    }

    private static string? Text(AuditRecord? record, string name)
    {
        using var detail = Parse(record);
        return detail is not null && detail.RootElement.ValueKind == JsonValueKind.Object ? String(detail.RootElement, name) : null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The record's detail as JSON, or null when it has none or it does not parse (shown raw instead).</summary>
    private static JsonDocument? Parse(AuditRecord? record)
    {
        if (record?.Event.Detail is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
