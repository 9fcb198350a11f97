using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rag.Core.Audit;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Builds the three records of one question: <see cref="AuditActions.QuestionAsked"/>, <see cref="AuditActions.ChunksRetrieved"/>
/// and <see cref="AuditActions.AnswerGiven"/>, all carrying the same actor, client address and correlation id. Question,
/// answer and rewritten query are stored as written, or only as their SHA-256 when <see cref="AuditOptions.StoreText"/> is off.
/// </summary>
public sealed class QuestionAuditEvents
{
    private readonly AuditContext _context;
    private readonly string _correlationId;
    private readonly bool _storeText;
    private readonly string? _embeddingModel;
    private readonly string? _embeddingVersion;

    /// <summary>Creates the builder for one question asked in <paramref name="context"/>.</summary>
    public QuestionAuditEvents(AuditContext context, string correlationId, AuditOptions options, string? embeddingModel, string? embeddingVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(correlationId);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _correlationId = correlationId;
        _storeText = options.StoreText;
        _embeddingModel = embeddingModel;
        _embeddingVersion = embeddingVersion;
    }

    /// <summary>The record of the question, written before anything is searched.</summary>
    public AuditEvent Asked(AskRequest request, int historyMessages, int historyTurnsWithheld)
    {
        ArgumentNullException.ThrowIfNull(request);
        var detail = Details(
            ("question", request.Question, true),
            ("conversationId", request.ConversationId, false),
            ("historyMessages", historyMessages, false),
            ("historyTurnsWithheld", historyTurnsWithheld > 0 ? historyTurnsWithheld : null, false),
            ("onBehalfOf", _context.OnBehalfOf, false));
        return Event(AuditActions.QuestionAsked, [], AuditOutcomes.Ok, detail) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion };
    }

    /// <summary>The record of what was retrieved for <paramref name="query"/> (recorded when it differs from <paramref name="question"/>).</summary>
    public AuditEvent Retrieved(IReadOnlyList<RetrievedChunk> retrieved, string query, string question)
    {
        ArgumentNullException.ThrowIfNull(retrieved);
        var hits = retrieved.Select(r => new
        {
            documentId = r.Chunk.DocumentId,
            version = r.Chunk.DocumentVersion,
            chunkId = r.Chunk.Id.ToString("D", CultureInfo.InvariantCulture),
            score = r.Score,
        }).ToList();
        var detail = new Dictionary<string, object?> { ["chunks"] = hits };
        if (!string.Equals(query, question, StringComparison.Ordinal))
        {
            detail[_storeText ? "query" : "querySha256"] = _storeText ? query : Sha256(query);
        }

        return Event(
            AuditActions.ChunksRetrieved,
            [.. hits.Select(h => h.documentId).Distinct(StringComparer.Ordinal), .. hits.Select(h => h.chunkId)],
            AuditOutcomes.Ok,
            JsonSerializer.Serialize(detail)) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion };
    }

    /// <summary>
    /// The record of <paramref name="answer"/>, written by <paramref name="modelId"/> from <paramref name="prompt"/> (null when quoted).
    /// Without <paramref name="outcome"/>, it follows from the answer: nothing found, answered (grounded) or ungrounded.
    /// </summary>
    public AuditEvent Answered(Answer answer, string? prompt, string modelId, string? modelVersion, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        outcome ??= !answer.FoundRelevant ? AuditOutcomes.NothingFound : answer.Grounded ? AuditOutcomes.Answered : AuditOutcomes.Ungrounded;
        var detail = Details(
            ("answer", answer.Text, true),
            ("prompt", prompt, false),
            ("removedCitations", answer.RemovedCitations.Count > 0 ? answer.RemovedCitations : null, false),
            ("notice", answer.Notice, false));
        return Event(AuditActions.AnswerGiven, [.. answer.Citations.Select(c => c.ChunkId.ToString("D", CultureInfo.InvariantCulture))], outcome, detail)
            with { ModelId = modelId, ModelVersion = modelVersion };
    }

    private AuditEvent Event(string action, IReadOnlyList<string> targets, string outcome, string detail) =>
        new(action, _context.Actor, targets, outcome)
        {
            Detail = detail,
            CorrelationId = _correlationId,
            ClientAddress = _context.ClientAddress,
        };

    /// <summary>Detail JSON: entries marked as text are stored as written or as <c>nameSha256</c>; null values are left out.</summary>
    private string Details(params (string Name, object? Value, bool IsText)[] entries)
    {
        var detail = new Dictionary<string, object?>();
        foreach (var (name, value, isText) in entries)
        {
            if (value is null)
            {
                continue;
            }

            if (isText && !_storeText)
            {
                detail[name + "Sha256"] = Sha256((string)value);
            }
            else
            {
                detail[name] = value;
            }
        }

        return JsonSerializer.Serialize(detail);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
