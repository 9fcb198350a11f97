using Microsoft.Extensions.AI;
using Rag.Core.Access;
using Rag.Core.Grounding;
using Rag.Core.Retrieval;
using Rag.Core.Text;

namespace Rag.Core.Answers;

/// <summary>
/// What a question searches and finds: the query (rewritten against the conversation), the chunks retrieved inside the
/// caller's scope, and the relevance gate's decision over them.
/// </summary>
/// <remarks>
/// Without a model a follow-up is searched both with its context and alone, and the follow-up's own words decide: the
/// search alone wins when it passes the gate and its best passages hold more of the follow-up's own content words than
/// the contextual search's do, or when the contextual search finds nothing relevant. With a model the rewrite stands.
/// </remarks>
internal sealed class QuestionSearch(HybridRetriever retriever, IRelevanceGate relevance, QueryRewriter rewriter, bool hasGenerator)
{
    private const int PassagesCompared = 3;

    public async Task<SearchOutcome> SearchAsync(string question, IReadOnlyList<ChatMessage> history, AccessScope scope, CancellationToken cancellationToken)
    {
        var query = await rewriter.RewriteAsync(question, history, cancellationToken);
        if (hasGenerator || string.Equals(query, question, StringComparison.Ordinal))
        {
            return await FindAsync(query, scope, cancellationToken);
        }

        var alone = await FindAsync(question, scope, cancellationToken);
        var contextual = await FindAsync(query, scope, cancellationToken);
        if (!alone.Decision.FoundRelevant)
        {
            return contextual;
        }

        var own = ContentTerms.Of(question);
        return !contextual.Decision.FoundRelevant || OwnCoverage(own, alone.Retrieved) > OwnCoverage(own, contextual.Retrieved) ? alone : contextual;
    }

    private async Task<SearchOutcome> FindAsync(string query, AccessScope scope, CancellationToken cancellationToken)
    {
        var retrieved = await retriever.RetrieveAsync(query, scope, cancellationToken: cancellationToken);
        return new SearchOutcome(query, retrieved, await relevance.DecideAsync(query, retrieved, cancellationToken));
    }

    private static double OwnCoverage(IReadOnlyList<string> own, IReadOnlyList<RetrievedChunk> retrieved) =>
        retrieved.Take(PassagesCompared).Select(r => ContentTerms.Coverage(own, ContentTerms.SetOf(r.Chunk.Text))).DefaultIfEmpty(0).Max();
}
