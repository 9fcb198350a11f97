using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Conversations;
using Rag.Core.Documents;
using Rag.Core.Retrieval;
using Rag.Core.Storage;

namespace Rag.Core.Answers;

/// <summary>
/// The conversation side of a question: the history it is read with (only turns whose sets the caller may still read)
/// and the saved turn, bound to the document sets its answer may carry text of.
/// </summary>
public sealed class ConversationTurns
{
    private readonly IDocumentIndex _index;
    private readonly IConversationStore? _store;
    private readonly AnswerOptions _options;

    /// <summary>
    /// Creates the turns; <paramref name="store"/> is null when conversations are not kept. <paramref name="index"/> says
    /// which document sets a caller may read now.
    /// </summary>
    public ConversationTurns(IDocumentIndex index, IOptions<AnswerOptions> options, IConversationStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _store = store;
        _options = options.Value;
    }

    /// <summary>
    /// The earlier turns to take into account: the caller's own (API clients send theirs), or the stored conversation's
    /// turns that the caller may still read, with how many stored turns were withheld because it may not.
    /// </summary>
    public async Task<ConversationHistory> HistoryAsync(AskRequest request, AccessScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        var max = _options.MaxHistoryMessages;
        IReadOnlyList<ChatMessage> history = request.History;
        var withheld = 0;
        if (request.ConversationId is { } id && _store is not null && history.Count == 0)
        {
            var readable = new List<ChatMessage>();
            var sets = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var turn in await _store.LoadAsync(scope.UserId, id, (max + 1) / 2, cancellationToken))
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
        return new ConversationHistory(turns.Count <= max ? turns : turns[^max..], withheld);
    }

    /// <summary>Saves the turn of <paramref name="request"/> when it belongs to a conversation, bound to <paramref name="sets"/>.</summary>
    public async Task SaveAsync(AskRequest request, AccessScope scope, Answer answer, IReadOnlyList<string> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(answer);
        if (request.ConversationId is { } id && _store is not null)
        {
            await _store.AppendAsync(scope.UserId, id, new ConversationTurn(request.Question, answer.Text, sets), cancellationToken);
        }
    }

    /// <summary>The sets of the chunks a quoted answer cites (its text is nothing but their sentences).</summary>
    public static IReadOnlyList<string> QuotedSets(Answer answer, IReadOnlyList<RetrievedChunk> retrieved)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(retrieved);
        var cited = answer.Citations.Select(c => c.ChunkId).ToHashSet();
        return SetsOf(retrieved.Select(r => r.Chunk).Where(c => cited.Contains(c.Id)));
    }

    /// <summary>The sets of all <paramref name="sources"/>: a model that read them all may carry text of any, cited or not.</summary>
    public static IReadOnlyList<string> SourceSets(IEnumerable<RetrievedChunk> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return SetsOf(sources.Select(s => s.Chunk));
    }

    private static IReadOnlyList<string> SetsOf(IEnumerable<Chunk> chunks) =>
        [.. chunks.Select(c => c.SetName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

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
}
