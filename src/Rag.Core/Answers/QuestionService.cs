using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Embeddings;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Answers a caller's question: record the question, retrieve within the caller's access scope, answer, record what
/// was retrieved and answered, and only then return. If any audit record cannot be written the question is refused:
/// no answer is ever delivered without its record.
/// </summary>
public sealed class QuestionService
{
    /// <summary>Model id recorded for the extractive answerer.</summary>
    public const string ExtractiveModelId = "extractive";

    /// <summary>Version recorded for the extractive answerer (its algorithm, not weights).</summary>
    public const string ExtractiveModelVersion = "1";

    private readonly HybridRetriever _retriever;
    private readonly ExtractiveAnswerer _answerer;
    private readonly IAuditLog _audit;
    private readonly AuditOptions _options;
    private readonly string? _embeddingModel;
    private readonly Lazy<string?> _embeddingVersion;

    /// <summary>Creates the service.</summary>
    public QuestionService(
        HybridRetriever retriever,
        ExtractiveAnswerer answerer,
        IAuditLog audit,
        IOptions<AuditOptions> options,
        IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embedder);
        _retriever = retriever;
        _answerer = answerer;
        _audit = audit;
        _options = options.Value;
        _embeddingModel = embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        _embeddingVersion = new Lazy<string?>(() => embedder.GetService<ModelVersion>()?.Value);
    }

    /// <summary>Answers <paramref name="question"/> for <paramref name="scope"/>, asked from the command line.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public Task<Answer> AskAsync(string question, AccessScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var actor = new AuditActor(scope.UserId, scope.UserId, [.. scope.Groups.Order(StringComparer.Ordinal)], []);
        return AskAsync(question, scope, new AuditContext(actor, AuditContext.LocalClient), cancellationToken);
    }

    /// <summary>Answers <paramref name="question"/> for <paramref name="scope"/>, recording <paramref name="context"/> with every record.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public async Task<Answer> AskAsync(string question, AccessScope scope, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(context);
        var correlationId = Guid.NewGuid().ToString("N");

        // Recorded before anything is searched, so a question that crashes the pipeline is still on record.
        await AppendOrRefuseAsync(
            [Event(AuditActions.QuestionAsked, context, correlationId, [], AuditOutcomes.Ok, Text("question", question)) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion.Value }],
            cancellationToken);

        var retrieved = await _retriever.RetrieveAsync(question, scope, cancellationToken: cancellationToken);
        var answer = await _answerer.AnswerAsync(question, retrieved, cancellationToken);

        var hits = retrieved.Select(r => new
        {
            documentId = r.Chunk.DocumentId,
            version = r.Chunk.DocumentVersion,
            chunkId = r.Chunk.Id.ToString("D", CultureInfo.InvariantCulture),
            score = r.Score,
        }).ToList();
        var retrievalEvent = Event(
            AuditActions.ChunksRetrieved,
            context,
            correlationId,
            [.. hits.Select(h => h.documentId).Distinct(StringComparer.Ordinal), .. hits.Select(h => h.chunkId)],
            AuditOutcomes.Ok,
            JsonSerializer.Serialize(new { chunks = hits })) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion.Value };
        var citations = answer.Citations.Select(c => c.ChunkId.ToString("D", CultureInfo.InvariantCulture)).ToList();
        var answerEvent = Event(
            AuditActions.AnswerGiven,
            context,
            correlationId,
            citations,
            answer.FoundRelevant ? AuditOutcomes.Answered : AuditOutcomes.NothingFound,
            Text("answer", answer.Text)) with { ModelId = ExtractiveModelId, ModelVersion = ExtractiveModelVersion };
        await AppendOrRefuseAsync([retrievalEvent, answerEvent], cancellationToken);
        return answer;
    }

    private static AuditEvent Event(string action, AuditContext context, string correlationId, IReadOnlyList<string> targets, string outcome, string detail) =>
        new(action, context.Actor, targets, outcome)
        {
            Detail = detail,
            CorrelationId = correlationId,
            ClientAddress = context.ClientAddress,
        };

    private async Task AppendOrRefuseAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.AppendAsync(events, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AuditUnavailableException("The question was refused because the audit trail could not record it: " + ex.Message, ex);
        }
    }

    /// <summary>The text as JSON <c>{"question": …}</c>, or only its SHA-256 when the privacy setting says so.</summary>
    private string Text(string name, string text)
    {
        if (_options.StoreText)
        {
            return JsonSerializer.Serialize(new Dictionary<string, string> { [name] = text });
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return JsonSerializer.Serialize(new Dictionary<string, string> { [name + "Sha256"] = hash });
    }
}
