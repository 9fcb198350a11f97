using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Conversations;
using Rag.Core.Diagnostics;
using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Grounding;
using Rag.Core.Prompts;
using Rag.Core.Retrieval;
using Rag.Core.Storage;

namespace Rag.Core.Answers;

/// <summary>
/// Answers a caller's question: record the question, retrieve within the caller's access scope, answer, record what
/// was retrieved and answered, and only then complete. If any audit record cannot be written the question is refused:
/// no answer is ever completed without its record.
/// </summary>
/// <remarks>
/// With a generator (<see cref="IChatClient"/>) the answer is written by the model from numbered sources and streamed;
/// its citations are checked as it streams. Without one, or when nothing relevant was retrieved (the model is then
/// not called at all), the extractive answerer quotes the documents.
/// </remarks>
public sealed class QuestionService
{
    /// <summary>Model id recorded for the extractive answerer.</summary>
    public const string ExtractiveModelId = "extractive";

    /// <summary>Version recorded for the extractive answerer (its algorithm, not weights).</summary>
    public const string ExtractiveModelVersion = "1";

    private readonly HybridRetriever _retriever;
    private readonly IDocumentIndex _index;
    private readonly ExtractiveAnswerer _answerer;
    private readonly IAuditLog _audit;
    private readonly AuditOptions _auditOptions;
    private readonly AnswerOptions _answerOptions;
    private readonly IChatClient? _generator;
    private readonly QueryRewriter _rewriter;
    private readonly IConversationStore? _conversations;
    private readonly ILogger _logger;
    private readonly string? _embeddingModel;
    private readonly Lazy<string?> _embeddingVersion;
    private readonly Lazy<(string Id, string? Version)> _generatorModel;

    /// <summary>
    /// Creates the service; <paramref name="generator"/> and <paramref name="conversations"/> are optional.
    /// <paramref name="index"/> says which document sets a caller may read now, to bind conversation history to them.
    /// </summary>
    public QuestionService(
        HybridRetriever retriever,
        IDocumentIndex index,
        ExtractiveAnswerer answerer,
        IAuditLog audit,
        IOptions<AuditOptions> auditOptions,
        IOptions<AnswerOptions> answerOptions,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IChatClient? generator = null,
        IConversationStore? conversations = null,
        ILogger<QuestionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(auditOptions);
        ArgumentNullException.ThrowIfNull(answerOptions);
        ArgumentNullException.ThrowIfNull(embedder);
        _retriever = retriever;
        _index = index;
        _answerer = answerer;
        _audit = audit;
        _auditOptions = auditOptions.Value;
        _answerOptions = answerOptions.Value;
        _generator = generator;
        _rewriter = new QueryRewriter(generator);
        _conversations = conversations;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _embeddingModel = embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        _embeddingVersion = new Lazy<string?>(() => embedder.GetService<ModelVersion>()?.Value);
        _generatorModel = new Lazy<(string, string?)>(() => (
            generator?.GetService<ChatClientMetadata>()?.DefaultModelId ?? "generator",
            generator?.GetService<ModelVersion>()?.Value));
    }

    /// <summary>True when answers are written by a generator rather than quoted.</summary>
    public bool HasGenerator => _generator is not null;

    /// <summary>Answers <paramref name="question"/> for <paramref name="scope"/>, asked from the command line.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public Task<Answer> AskAsync(string question, AccessScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return AskAsync(new AskRequest(question), scope, LocalContext(scope), cancellationToken);
    }

    /// <summary>Answers <paramref name="question"/> for <paramref name="scope"/>, recording <paramref name="context"/> with every record.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public Task<Answer> AskAsync(string question, AccessScope scope, AuditContext context, CancellationToken cancellationToken = default) =>
        AskAsync(new AskRequest(question), scope, context, cancellationToken);

    /// <summary>Answers <paramref name="request"/> and returns the complete answer.</summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question; no answer is given.</exception>
    public async Task<Answer> AskAsync(AskRequest request, AccessScope scope, AuditContext context, CancellationToken cancellationToken = default)
    {
        await foreach (var update in AskStreamingAsync(request, scope, context, cancellationToken))
        {
            if (update.Final is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("The answer stream ended without a final answer.");
    }

    /// <summary>The audit context of a question asked on this machine's command line.</summary>
    public static AuditContext LocalContext(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var actor = new AuditActor(scope.UserId, scope.UserId, [.. scope.Groups.Order(StringComparer.Ordinal)], []);
        return new AuditContext(actor, AuditContext.LocalClient);
    }

    /// <summary>
    /// Answers <paramref name="request"/> as a stream of text pieces. The last update carries <see cref="AnswerUpdate.Final"/>
    /// and comes only after the answer is on the audit record; a stream that ends with an exception instead has no answer.
    /// </summary>
    /// <exception cref="AuditUnavailableException">The audit trail could not record the question or answer.</exception>
    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(
        AskRequest request,
        AccessScope scope,
        AuditContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Question);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(context);
        using var telemetry = QuestionTelemetry.Start();
        var correlationId = Guid.NewGuid().ToString("N");
        using var correlation = AuditCorrelation.Begin(correlationId);
        var (history, withheld) = await HistoryAsync(request, scope, cancellationToken);

        // Recorded before anything is searched, so a question that crashes the pipeline is still on record.
        var asked = Details(
            ("question", request.Question, true),
            ("conversationId", request.ConversationId, false),
            ("historyMessages", history.Count, false),
            ("historyTurnsWithheld", withheld > 0 ? withheld : null, false),
            ("onBehalfOf", context.OnBehalfOf, false));
        await AppendOrRefuseAsync([Event(AuditActions.QuestionAsked, context, correlationId, [], AuditOutcomes.Ok, asked) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion.Value }], cancellationToken);

        var query = await _rewriter.RewriteAsync(request.Question, history, cancellationToken);
        var retrieved = await _retriever.RetrieveAsync(query, scope, cancellationToken: cancellationToken);
        var extractive = (await _answerer.AnswerAsync(query, retrieved, cancellationToken)) with { SearchQuery = query };
        var retrieval = RetrievalEvent(context, correlationId, retrieved, query, request.Question);
        if (_generator is null || !extractive.FoundRelevant)
        {
            // Nothing relevant: say so without calling the model, which could only guess.
            await AppendOrRefuseAsync([retrieval, AnswerEvent(context, correlationId, extractive, null, ExtractiveModelId, ExtractiveModelVersion)], cancellationToken);
            await SaveTurnAsync(request, scope, extractive, QuotedSets(extractive, retrieved), cancellationToken);
            yield return new AnswerUpdate(extractive.Text) { Final = extractive };
            yield break;
        }

        // The sources are on record before the model sees them.
        await AppendOrRefuseAsync([retrieval], cancellationToken);
        var sources = retrieved.Take(_answerOptions.MaxSources).ToList();
        var messages = GroundedPrompt.Build(request.Question, sources, history);
        var options = new ChatOptions { MaxOutputTokens = _answerOptions.MaxOutputTokens, Temperature = _answerOptions.Temperature };
        var filter = new CitationStreamFilter(sources.Count);
        var text = new StringBuilder();
        var generate = telemetry.StartGenerate();
        await using var stream = _generator.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        string? failure = null;
        ChatFinishReason? finish = null;
        while (true)
        {
            var more = false;
            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && text.Length == 0)
            {
                // The model failed before writing anything (server down, blocked, overloaded): the quoted answer
                // is still a correct answer, so give it with a notice rather than nothing.
                failure = ex.Message;
                QuestionLog.GeneratorFailed(_logger, _generatorModel.Value.Id, ex);
            }
            catch (Exception ex) when (text.Length > 0)
            {
                // The model broke off (or the caller went away) after the user saw part of an answer: that part is
                // on record too, marked failed, before the error goes on.
                QuestionLog.GeneratorFailed(_logger, _generatorModel.Value.Id, ex);
                generate?.Dispose();
                telemetry.Resume();
                await RecordBrokenOffAsync(context, correlationId, text, sources, filter, query, ex.Message);
                throw;
            }

            if (!more)
            {
                break;
            }

            finish = stream.Current.FinishReason ?? finish;
            var shown = filter.Push(stream.Current.Text);
            if (shown.Length > 0)
            {
                text.Append(shown);
                yield return new AnswerUpdate(shown);
            }
        }

        generate?.Dispose();
        telemetry.Resume();
        if (failure is null && finish is null)
        {
            // Every OpenAI-compatible server and the ONNX decoder say why they stopped; a stream that just ends was
            // cut off (a dying server, a dropped connection), and a cut-off answer must not pass for a whole one.
            const string CutOff = "the model's answer ended without saying it was finished (connection lost?)";
            if (text.Length == 0)
            {
                failure = CutOff;
            }
            else
            {
                await RecordBrokenOffAsync(context, correlationId, text, sources, filter, query, CutOff);
                throw new AnswerIncompleteException("The answer broke off: " + CutOff + ".");
            }
        }

        if (failure is not null)
        {
            var fallback = extractive with { Notice = $"The answer model could not be reached ({failure}); these are quoted passages instead." };
            await AppendOrRefuseAsync([AnswerEvent(context, correlationId, fallback, null, ExtractiveModelId, ExtractiveModelVersion)], cancellationToken);
            await SaveTurnAsync(request, scope, fallback, QuotedSets(fallback, retrieved), cancellationToken);
            yield return new AnswerUpdate(fallback.Text) { Final = fallback };
            yield break;
        }

        var tail = filter.Complete();
        text.Append(tail);
        var answer = Generated(text.ToString().TrimEnd(), sources, filter, query);
        if (finish == ChatFinishReason.Length)
        {
            answer = answer with { Notice = "The answer reached its length limit (Rag:Answer:MaxOutputTokens) and may be cut off." };
        }

        var (modelId, modelVersion) = _generatorModel.Value;
        await AppendOrRefuseAsync([AnswerEvent(context, correlationId, answer, PromptTemplate.GroundedAnswer.Id, modelId, modelVersion)], cancellationToken);
        // The model read every source, so its answer may carry text of any of their sets, cited or not.
        await SaveTurnAsync(request, scope, answer, SetsOf(sources.Select(s => s.Chunk)), cancellationToken);
        yield return new AnswerUpdate(tail) { Final = answer };
    }

    /// <summary>Records the part of an answer that was shown before the model broke off, as <see cref="AuditOutcomes.Failed"/>.</summary>
    private async Task RecordBrokenOffAsync(
        AuditContext context, string correlationId, StringBuilder text, List<RetrievedChunk> sources, CitationStreamFilter filter, string query, string reason)
    {
        var partial = Generated(text.ToString().TrimEnd(), sources, filter, query) with { Notice = "The answer broke off: " + reason };
        var (modelId, modelVersion) = _generatorModel.Value;

        // Not the request's token: a caller that went away still leaves the record of what it was shown.
        await AppendOrRefuseAsync(
            [AnswerEvent(context, correlationId, partial, PromptTemplate.GroundedAnswer.Id, modelId, modelVersion, AuditOutcomes.Failed)],
            CancellationToken.None);
    }

    private Answer Generated(string text, List<RetrievedChunk> sources, CitationStreamFilter filter, string query)
    {
        var citations = filter.Cited.Select(n =>
        {
            var hit = sources[n - 1];
            var chunk = hit.Chunk;
            var snippet = chunk.Text.Length <= _answerOptions.MaxSnippetChars ? chunk.Text : string.Concat(chunk.Text.AsSpan(0, _answerOptions.MaxSnippetChars), "…");
            return new Citation(n, chunk.DocumentId, hit.DocumentTitle, chunk.FirstPage, chunk.LastPage, chunk.Id, hit.Score, snippet, chunk.HeadingPath);
        }).ToList();
        return new Answer(text, citations, true)
        {
            Grounded = citations.Count > 0,
            RemovedCitations = [.. filter.Removed],
            ModelId = _generatorModel.Value.Id,
            SearchQuery = query,
        };
    }

    /// <summary>
    /// The earlier turns to take into account: the caller's own (API clients send theirs), or the stored conversation's
    /// turns that the caller may still read, with how many stored turns were withheld because it may not.
    /// </summary>
    private async Task<(IReadOnlyList<ChatMessage> History, int Withheld)> HistoryAsync(AskRequest request, AccessScope scope, CancellationToken cancellationToken)
    {
        var max = _answerOptions.MaxHistoryMessages;
        IReadOnlyList<ChatMessage> history = request.History;
        var withheld = 0;
        if (request.ConversationId is { } id && _conversations is not null && history.Count == 0)
        {
            var readable = new List<ChatMessage>();
            var sets = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var turn in await _conversations.LoadAsync(scope.UserId, id, (max + 1) / 2, cancellationToken))
            {
                if (await MayReadAsync(turn, scope, sets, cancellationToken))
                {
                    readable.Add(new ChatMessage(ChatRole.User, turn.Question));
                    readable.Add(new ChatMessage(ChatRole.Assistant, turn.Answer));
                }
                else
                {
                    withheld++;
                }
            }

            history = readable;
        }

        var turns = history.Where(m => m.Role == ChatRole.User || m.Role == ChatRole.Assistant).ToList();
        return (turns.Count <= max ? turns : turns[^max..], withheld);
    }

    /// <summary>
    /// True when <paramref name="scope"/> may read every set <paramref name="turn"/> drew on, as the sets' readers are
    /// now: a turn answered with other groups, or from a set since taken away, stays out of the prompts and the rewrite.
    /// </summary>
    private async Task<bool> MayReadAsync(ConversationTurn turn, AccessScope scope, Dictionary<string, bool> known, CancellationToken cancellationToken)
    {
        if (turn.SetNames is null)
        {
            // Stored before turns recorded their sets: what it drew on is unknown, so it is not shown.
            return false;
        }

        foreach (var name in turn.SetNames)
        {
            if (!known.TryGetValue(name, out var readable))
            {
                readable = await _index.GetDocumentSetAsync(name, cancellationToken) is { } set && scope.CanRead(set.Groups);
                known[name] = readable;
            }

            if (!readable)
            {
                return false;
            }
        }

        return true;
    }

    private async Task SaveTurnAsync(AskRequest request, AccessScope scope, Answer answer, IReadOnlyList<string> sets, CancellationToken cancellationToken)
    {
        if (request.ConversationId is { } id && _conversations is not null)
        {
            await _conversations.AppendAsync(scope.UserId, id, new ConversationTurn(request.Question, answer.Text, sets), cancellationToken);
        }
    }

    /// <summary>The sets of the chunks a quoted answer cites (its text is nothing but their sentences).</summary>
    private static IReadOnlyList<string> QuotedSets(Answer answer, IReadOnlyList<RetrievedChunk> retrieved)
    {
        var cited = answer.Citations.Select(c => c.ChunkId).ToHashSet();
        return SetsOf(retrieved.Select(r => r.Chunk).Where(c => cited.Contains(c.Id)));
    }

    private static IReadOnlyList<string> SetsOf(IEnumerable<Chunk> chunks) =>
        [.. chunks.Select(c => c.SetName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private AuditEvent RetrievalEvent(AuditContext context, string correlationId, IReadOnlyList<RetrievedChunk> retrieved, string query, string question)
    {
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
            detail[_auditOptions.StoreText ? "query" : "querySha256"] = _auditOptions.StoreText ? query : Sha256(query);
        }

        return Event(
            AuditActions.ChunksRetrieved,
            context,
            correlationId,
            [.. hits.Select(h => h.documentId).Distinct(StringComparer.Ordinal), .. hits.Select(h => h.chunkId)],
            AuditOutcomes.Ok,
            JsonSerializer.Serialize(detail)) with { ModelId = _embeddingModel, ModelVersion = _embeddingVersion.Value };
    }

    private AuditEvent AnswerEvent(AuditContext context, string correlationId, Answer answer, string? prompt, string modelId, string? modelVersion, string? outcome = null)
    {
        outcome ??= !answer.FoundRelevant ? AuditOutcomes.NothingFound : answer.Grounded ? AuditOutcomes.Answered : AuditOutcomes.Ungrounded;
        var detail = Details(
            ("answer", answer.Text, true),
            ("prompt", prompt, false),
            ("removedCitations", answer.RemovedCitations.Count > 0 ? answer.RemovedCitations : null, false),
            ("notice", answer.Notice, false));
        return Event(AuditActions.AnswerGiven, context, correlationId, [.. answer.Citations.Select(c => c.ChunkId.ToString("D", CultureInfo.InvariantCulture))], outcome, detail)
            with { ModelId = modelId, ModelVersion = modelVersion };
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
        using var activity = RagActivities.Audit.StartActivity("audit.append")?.SetTag("rag.audit.records", events.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _audit.AppendAsync(events, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "audit trail unavailable");
            throw new AuditUnavailableException("The question was refused because the audit trail could not record it: " + ex.Message, ex);
        }
        finally
        {
            RagMetrics.AuditAppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// Detail JSON. Entries marked as text (question, answer) are stored as written, or only as their SHA-256
    /// (<c>answerSha256</c>) when <see cref="AuditOptions.StoreText"/> is off; null values are left out.
    /// </summary>
    private string Details(params (string Name, object? Value, bool IsText)[] entries)
    {
        var detail = new Dictionary<string, object?>();
        foreach (var (name, value, isText) in entries)
        {
            if (value is null)
            {
                continue;
            }

            if (isText && !_auditOptions.StoreText)
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
