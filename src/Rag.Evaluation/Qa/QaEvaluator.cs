using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Retrieval;
using Rag.Core.Storage;
using Rag.Evaluation.Reporting;

namespace Rag.Evaluation.Qa;

/// <summary>
/// Asks every question of a question set against the existing index, exactly as <c>rag ask</c> does
/// (<see cref="QuestionService"/>: retrieval inside the caller's access scope, the extractive answer, the audit record),
/// and scores the results. Each question is audited like any other, as the scope's user.
/// </summary>
public sealed class QaEvaluator
{
    private readonly QuestionService _questions;
    private readonly IRelevanceGate _relevance;
    private readonly HybridRetriever _retriever;
    private readonly IDocumentIndex _index;
    private readonly RetrievalOptions _retrieval;
    private readonly AnswerOptions _answering;
    private readonly RelevanceOptions _relevanceOptions;

    /// <summary>Creates the evaluator over the product's own services.</summary>
    public QaEvaluator(
        QuestionService questions,
        HybridRetriever retriever,
        IDocumentIndex index,
        IRelevanceGate relevance,
        IOptions<RetrievalOptions> retrieval,
        IOptions<AnswerOptions> answering,
        IOptions<RelevanceOptions> relevanceOptions)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        ArgumentNullException.ThrowIfNull(answering);
        ArgumentNullException.ThrowIfNull(relevanceOptions);
        _relevanceOptions = relevanceOptions.Value;
        _questions = questions;
        _relevance = relevance;
        _retriever = retriever;
        _index = index;
        _retrieval = retrieval.Value;
        _answering = answering.Value;
    }

    /// <summary>
    /// Chunks read per question to rank documents. The fused ranking of this many chunks starts with exactly the
    /// <see cref="RetrievalOptions.TopK"/> chunks the answer is built from: both searches draw the same candidates.
    /// </summary>
    public int RankingDepth => Math.Max(_retrieval.TopK, _retrieval.CandidatesPerSearch);

    /// <summary>Asks every question of <paramref name="cases"/> as <paramref name="scope"/> and scores the answers with cut-off <paramref name="k"/>.</summary>
    /// <exception cref="InvalidOperationException">The index is empty or the scope can read nothing.</exception>
    /// <exception cref="Rag.Core.Audit.AuditUnavailableException">A question could not be audited; the run stops.</exception>
    public async Task<QaReport> EvaluateAsync(
        QaCaseSet cases,
        AccessScope scope,
        int k,
        RunEnvironment environment,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (scope.IsEmpty)
        {
            throw new InvalidOperationException("No user or no groups to ask as: every question would find nothing. Give --groups (or set RAG_GROUPS).");
        }

        var statistics = await _index.GetStatisticsAsync(cancellationToken);
        if (statistics.Documents == 0)
        {
            throw new InvalidOperationException("The index holds no documents: ingest them first with `rag ingest PATH --set NAME --groups G` (RAG_DATA selects the data directory).");
        }

        var documents = new Dictionary<string, QaDocument>(StringComparer.Ordinal);
        var results = new List<QaCaseResult>(cases.Cases.Count);
        var conversations = new Dictionary<string, List<ChatMessage>>(StringComparer.Ordinal);
        foreach (var qaCase in cases.Cases)
        {
            List<ChatMessage> history = [];
            if (qaCase.Conversation is { } conversation && !conversations.TryGetValue(conversation, out history!))
            {
                history = [];
                conversations.Add(conversation, history);
            }

            var observation = await ObserveAsync(qaCase, [.. history], scope, documents, cancellationToken);
            results.Add(QaScorer.Score(qaCase, observation, k) with { FollowUp = history.Count > 0 });
            if (qaCase.Conversation is not null)
            {
                history.Add(new ChatMessage(ChatRole.User, qaCase.Question));
                history.Add(new ChatMessage(ChatRole.Assistant, observation.Answer.Text));
            }

            progress?.Report(results.Count);
        }

        return new QaReport(
            environment,
            cases.Source,
            scope.UserId,
            [.. scope.Groups.Order(StringComparer.OrdinalIgnoreCase)],
            statistics,
            await _index.GetModelAsync(cancellationToken),
            _retrieval,
            _answering,
            RankingDepth,
            QaSummary.From(results, k),
            [.. cases.Warnings, .. UnmatchedExpectations(cases, documents.Values, scope)],
            results)
        {
            Relevance = _relevanceOptions,
        };
    }

    private async Task<QaObservation> ObserveAsync(
        QaCase qaCase, IReadOnlyList<ChatMessage> history, AccessScope scope, Dictionary<string, QaDocument> documents, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var answer = await _questions.AskAsync(new AskRequest(qaCase.Question) { History = history }, scope, QuestionService.LocalContext(scope), cancellationToken);

        // The documents are ranked, and the gate's signals measured, for the query the answer searched.
        var query = answer.SearchQuery ?? qaCase.Question;
        var retrieved = await _retriever.RetrieveAsync(query, scope, topK: RankingDepth, cancellationToken: cancellationToken);
        var relevance = await _relevance.DecideAsync(query, [.. retrieved.Take(_retrieval.TopK)], cancellationToken);
        bool? sameAsFresh = null;
        if (qaCase.TopicChange)
        {
            var fresh = await _questions.AskAsync(qaCase.Question, scope, cancellationToken);
            sameAsFresh = fresh.Text == answer.Text;
        }

        watch.Stop();

        var seen = new Dictionary<string, QaDocument>(StringComparer.Ordinal);
        var ranked = new List<QaDocument>();
        foreach (var chunk in retrieved)
        {
            if (!seen.ContainsKey(chunk.Chunk.DocumentId))
            {
                var document = await ResolveAsync(chunk.Chunk.DocumentId, chunk.Chunk.SetName, chunk.DocumentTitle, documents, cancellationToken);
                seen.Add(document.DocumentId, document);
                ranked.Add(document);
            }
        }

        foreach (var citation in answer.Citations)
        {
            if (!seen.ContainsKey(citation.DocumentId))
            {
                seen.Add(citation.DocumentId, await ResolveAsync(citation.DocumentId, string.Empty, citation.Title, documents, cancellationToken));
            }
        }

        return new QaObservation(ranked, answer, seen, watch.Elapsed.TotalMilliseconds) { Relevance = relevance, SameAsFresh = sameAsFresh };
    }

    private async Task<QaDocument> ResolveAsync(string documentId, string setName, string title, Dictionary<string, QaDocument> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(documentId, out var document))
        {
            var stored = await _index.GetDocumentAsync(documentId, cancellationToken);
            document = stored is null
                ? new QaDocument(documentId, setName, title, string.Empty)
                : new QaDocument(stored.DocumentId, stored.SetName, stored.Title, stored.SourcePath);
            cache.Add(documentId, document);
        }

        return document;
    }

    // An expected document that no question ever retrieved is most often a typo or a set the groups cannot read;
    // its questions simply score 0, so say so.
    private static IEnumerable<string> UnmatchedExpectations(QaCaseSet cases, IEnumerable<QaDocument> retrieved, AccessScope scope)
    {
        var all = retrieved.ToList();
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var qaCase in cases.Cases)
        {
            foreach (var expected in qaCase.ExpectedDocuments)
            {
                if (!all.Any(d => d.Matches(expected)) && reported.Add(expected))
                {
                    yield return $"line {qaCase.Line}: expected document \"{expected}\" matched no document retrieved for any question; check the name (id, path, file name or title) and that groups [{string.Join(", ", scope.Groups)}] may read it";
                }
            }
        }
    }
}
