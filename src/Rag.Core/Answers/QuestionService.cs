using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Diagnostics;
using Rag.Core.Embeddings;
using Rag.Core.Grounding;
using Rag.Core.Prompts;
using Rag.Core.Retrieval;

namespace Rag.Core.Answers;

/// <summary>
/// Answers a caller's question: record the question, retrieve within the caller's access scope, answer, record what
/// was retrieved and answered, and only then complete. If any audit record cannot be written the question is refused:
/// no answer is ever completed without its record.
/// </summary>
/// <remarks>
/// With a generator (<see cref="IChatClient"/>) the answer is written by the model from numbered sources and streamed;
/// its citations are checked as it streams (<see cref="GeneratedAnswerStream"/>). Whether anything relevant was retrieved
/// is decided by the <see cref="IRelevanceGate"/>, with or without a generator; when nothing was, the answer says so and
/// the model is not called at all. The extractive answerer quotes the documents only when there is no generator, or
/// when the generator failed before writing anything.
/// </remarks>
public sealed class QuestionService
{
    /// <summary>Model id recorded for the extractive answerer.</summary>
    public const string ExtractiveModelId = "extractive";

    /// <summary>Version recorded for the extractive answerer (its algorithm, not weights).</summary>
    public const string ExtractiveModelVersion = "2";

    private readonly ExtractiveAnswerer _answerer;
    private readonly QuestionSearch _search;
    private readonly ConversationTurns _turns;
    private readonly IAuditLog _audit;
    private readonly AuditOptions _auditOptions;
    private readonly AnswerOptions _answerOptions;
    private readonly GeneratedAnswerStream? _generated;
    private readonly string? _embeddingModel;
    private readonly Lazy<string?> _embeddingVersion;

    /// <summary>Creates the service; <paramref name="generator"/> is null when answers are quoted, not generated.</summary>
    public QuestionService(
        HybridRetriever retriever,
        ExtractiveAnswerer answerer,
        IRelevanceGate relevance,
        QueryRewriter rewriter,
        ConversationTurns turns,
        IAuditLog audit,
        IOptions<AuditOptions> auditOptions,
        IOptions<AnswerOptions> answerOptions,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IChatClient? generator = null,
        ILogger<QuestionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(auditOptions);
        ArgumentNullException.ThrowIfNull(answerOptions);
        ArgumentNullException.ThrowIfNull(embedder);
        _answerer = answerer;
        _turns = turns;
        _audit = audit;
        _auditOptions = auditOptions.Value;
        _answerOptions = answerOptions.Value;
        _generated = generator is null ? null : new GeneratedAnswerStream(generator, _answerOptions, (ILogger?)logger ?? NullLogger.Instance);
        _search = new QuestionSearch(retriever, relevance, rewriter, _generated is not null);
        _embeddingModel = embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        _embeddingVersion = new Lazy<string?>(() => embedder.GetService<ModelVersion>()?.Value);
    }

    /// <summary>True when answers are written by a generator rather than quoted.</summary>
    public bool HasGenerator => _generated is not null;

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
        var events = new QuestionAuditEvents(context, correlationId, _auditOptions, _embeddingModel, _embeddingVersion.Value);
        var history = await _turns.HistoryAsync(request, scope, cancellationToken);

        // Recorded before anything is searched, so a question that crashes the pipeline is still on record.
        await AppendOrRefuseAsync([events.Asked(request, history.Messages.Count, history.Withheld)], cancellationToken);
        var (query, retrieved, decision) = await _search.SearchAsync(request.Question, history.Messages, scope, cancellationToken);
        var retrieval = events.Retrieved(retrieved, query, request.Question);
        if (_generated is null || !decision.FoundRelevant)
        {
            // Nothing relevant: say so, without calling the model (which could only guess) or quoting an unrelated
            // passage. The same decision applies with and without a generator. Otherwise, without one, the quoter answers.
            var quoted = decision.FoundRelevant ? await QuoteAsync(query, request.Question, retrieved, cancellationToken) : Answer.NothingFound with { SearchQuery = query };
            await AppendOrRefuseAsync([retrieval, events.Answered(quoted, null, ExtractiveModelId, ExtractiveModelVersion)], cancellationToken);
            await _turns.SaveAsync(request, scope, quoted, ConversationTurns.QuotedSets(quoted, retrieved), cancellationToken);
            yield return new AnswerUpdate(quoted.Text) { Final = quoted };
            yield break;
        }

        // The sources are on record before the model sees them.
        await AppendOrRefuseAsync([retrieval], cancellationToken);
        var sources = retrieved.Take(_answerOptions.MaxSources).ToList();
        var (modelId, modelVersion) = _generated.Model;
        var outcome = new GenerationOutcome();

        // Not the request's token: a caller that went away still leaves the record of what it was shown.
        Task RecordBrokenOffAsync(Answer partial) =>
            AppendOrRefuseAsync([events.Answered(partial, PromptTemplate.GroundedAnswer.Id, modelId, modelVersion, AuditOutcomes.Failed)], CancellationToken.None);
        await foreach (var piece in _generated.StreamAsync(new GenerationInput(request.Question, sources, history.Messages, query), outcome, RecordBrokenOffAsync, telemetry, cancellationToken))
        {
            yield return piece;
        }

        if (outcome.Answer is not { } answer)
        {
            // The model wrote nothing: the quoted answer is still a correct answer, given with a notice.
            var fallback = (await QuoteAsync(query, request.Question, retrieved, cancellationToken)) with { Notice = $"The answer model could not be reached ({outcome.Failure}); these are quoted passages instead." };
            await AppendOrRefuseAsync([events.Answered(fallback, null, ExtractiveModelId, ExtractiveModelVersion)], cancellationToken);
            await _turns.SaveAsync(request, scope, fallback, ConversationTurns.QuotedSets(fallback, retrieved), cancellationToken);
            yield return new AnswerUpdate(fallback.Text) { Final = fallback };
            yield break;
        }

        await AppendOrRefuseAsync([events.Answered(answer, PromptTemplate.GroundedAnswer.Id, modelId, modelVersion)], cancellationToken);
        await _turns.SaveAsync(request, scope, answer, ConversationTurns.SourceSets(sources), cancellationToken);
        yield return new AnswerUpdate(outcome.Tail) { Final = answer };
    }

    private async Task<Answer> QuoteAsync(string query, string question, IReadOnlyList<RetrievedChunk> retrieved, CancellationToken cancellationToken) =>
        (await _answerer.AnswerAsync(query, question, retrieved, cancellationToken)) with { SearchQuery = query };

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
}
