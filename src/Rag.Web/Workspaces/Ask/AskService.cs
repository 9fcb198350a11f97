using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Audit;
using Rag.Core.Conversations;
using Rag.Core.Storage;
using Rag.Web.Authentication;

namespace Rag.Web.Workspaces.Ask;

/// <summary>
/// What the Ask page does on the server: ask through <see cref="QuestionService"/> within the signed-in user's groups,
/// streaming the answer as it is written; list, load and continue the user's own conversations; and turn citations into
/// what the citation panel shows. Every method checks the caller (<see cref="AskAccess"/>) itself.
/// </summary>
internal sealed class AskService
{
    /// <summary>The client address recorded for questions asked on the page (a circuit has no request to take one from).</summary>
    public const string BrowserClient = "web";

    private readonly QuestionService _questions;
    private readonly IConversationStore _conversations;
    private readonly IDocumentIndex _index;
    private readonly AskOptions _options;
    private readonly ILogger<AskService> _logger;

    public AskService(QuestionService questions, IConversationStore conversations, IDocumentIndex index, IOptions<AskOptions> options, ILogger<AskService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _questions = questions;
        _conversations = conversations;
        _index = index;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>A new conversation's id.</summary>
    public static string NewConversationId() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    /// <summary>
    /// Asks <paramref name="question"/> as <paramref name="user"/>, in <paramref name="conversationId"/> (a new
    /// conversation when null): text pieces as the answer is written, then one closing update (answered, nothing found,
    /// or failed with the reason). A bad question closes with <see cref="AskUpdateKind.Failed"/> and is not asked.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException"><paramref name="user"/> may not ask.</exception>
    public async IAsyncEnumerable<AskUpdate> AskAsync(
        ClaimsPrincipal user,
        string? conversationId,
        string question,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AskAccess.Demand(user);
        var conversation = conversationId ?? NewConversationId();
        if (Refusal(conversation, question) is { } refusal)
        {
            AskLog.QuestionRefused(_logger, refusal);
            yield return new AskUpdate(AskUpdateKind.Failed, string.Empty) { ConversationId = conversation, Error = refusal };
            yield break;
        }

        var scope = RagClaims.Scope(user);
        var request = new AskRequest(question.Trim()) { ConversationId = conversation };
        var context = new AuditContext(RagClaims.Actor(user), BrowserClient);
        await using var stream = _questions.AskStreamingAsync(request, scope, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            AnswerUpdate update;
            string? failure = null;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }

                update = stream.Current;
            }
            catch (AuditUnavailableException ex)
            {
                AskLog.AuditUnavailable(_logger, conversation, ex);
                failure = "The question was refused because the audit trail could not record it. Please try again later.";
                update = null!;
            }
            catch (AnswerIncompleteException ex)
            {
                AskLog.AnswerBrokeOff(_logger, conversation, ex);
                failure = "The answer broke off before it was complete; what was shown is not a complete answer. Please ask again.";
                update = null!;
            }

            if (failure is not null)
            {
                yield return new AskUpdate(AskUpdateKind.Failed, string.Empty) { ConversationId = conversation, Error = failure };
                yield break;
            }

            if (update.Final is not { } answer)
            {
                yield return new AskUpdate(AskUpdateKind.Text, update.Text) { ConversationId = conversation };
                continue;
            }

            if (!answer.FoundRelevant)
            {
                yield return new AskUpdate(AskUpdateKind.NothingFound, string.Empty) { ConversationId = conversation, Reply = new AskReply(answer.Text, false, []) };
                yield break;
            }

            if (update.Text.Length > 0)
            {
                yield return new AskUpdate(AskUpdateKind.Text, update.Text) { ConversationId = conversation };
            }

            var reply = new AskReply(answer.Text, true, await CitationsAsync(answer, question, scope, cancellationToken))
            {
                Grounded = answer.Grounded,
                Notice = answer.Notice,
            };
            yield return new AskUpdate(AskUpdateKind.Answered, string.Empty) { ConversationId = conversation, Reply = reply };
            yield break;
        }

        yield return new AskUpdate(AskUpdateKind.Failed, string.Empty) { ConversationId = conversation, Error = "The answer ended without being completed. Please ask again." };
    }

    /// <summary><paramref name="user"/>'s own conversations, most recently active first.</summary>
    /// <exception cref="UnauthorizedAccessException"><paramref name="user"/> may not ask.</exception>
    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        AskAccess.Demand(user);
        return _conversations.ListAsync(RagClaims.UserId(user), _options.MaxConversationsListed, cancellationToken);
    }

    /// <summary>
    /// The turns of <paramref name="user"/>'s conversation <paramref name="conversationId"/>, oldest first (empty when
    /// the user has none of that id: another user's conversation is never found). An answer drawn from sets the user
    /// may not read now is withheld.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException"><paramref name="user"/> may not ask.</exception>
    public async Task<IReadOnlyList<AskTurn>> LoadConversationAsync(ClaimsPrincipal user, string conversationId, CancellationToken cancellationToken = default)
    {
        AskAccess.Demand(user);
        ArgumentNullException.ThrowIfNull(conversationId);
        if (ConversationIdRefusal(conversationId) is not null)
        {
            return [];
        }

        var scope = RagClaims.Scope(user);
        var readable = new Dictionary<string, bool>(StringComparer.Ordinal);
        var turns = new List<AskTurn>();
        foreach (var turn in await _conversations.LoadAsync(scope.UserId, conversationId, _options.MaxTurnsShown, cancellationToken))
        {
            var mayRead = turn.SetNames is { } sets && await MayReadAllAsync(sets, scope, readable, cancellationToken);
            turns.Add(new AskTurn(turn.Question, mayRead ? turn.Answer : null, !mayRead));
        }

        return turns;
    }

    private string? Refusal(string conversationId, string question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return "Type a question first.";
        }

        if (question.Length > _options.MaxQuestionChars)
        {
            return $"The question is {question.Length} characters long; at most {_options.MaxQuestionChars} are accepted (Rag:Web:Ask:MaxQuestionChars).";
        }

        return ConversationIdRefusal(conversationId);
    }

    private static string? ConversationIdRefusal(string conversationId) =>
        conversationId.Length is 0 or > Rag.Storage.Conversations.SqliteConversationStore.MaxConversationIdLength || conversationId.Any(char.IsControl)
            ? "That conversation id is not valid; start a new conversation."
            : null;

    private async Task<IReadOnlyList<CitationView>> CitationsAsync(Answer answer, string question, AccessScope scope, CancellationToken cancellationToken)
    {
        var views = new List<CitationView>(answer.Citations.Count);
        var readable = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var citation in answer.Citations.OrderBy(c => c.Number))
        {
            var document = await _index.GetDocumentAsync(citation.DocumentId, cancellationToken);
            string? original = null;
            if (document is not null && await MayReadAllAsync([document.SetName], scope, readable, cancellationToken))
            {
                // The download endpoint checks the same ACL again; a PDF opens at the cited page.
                original = "documents/" + Uri.EscapeDataString(citation.DocumentId) + "/file";
                if (citation.PageNumber is { } page && document.MediaType == "application/pdf")
                {
                    original += "#page=" + page.ToString(CultureInfo.InvariantCulture);
                }
            }

            views.Add(new CitationView(
                citation.Number,
                citation.DocumentId,
                citation.Title,
                citation.FileName,
                citation.PageNumber,
                citation.LastPageNumber,
                citation.HeadingPath,
                SnippetHighlighter.Split(citation.Snippet, question))
            {
                OriginalUrl = original,
            });
        }

        return views;
    }

    private async Task<bool> MayReadAllAsync(IReadOnlyList<string> setNames, AccessScope scope, Dictionary<string, bool> known, CancellationToken cancellationToken)
    {
        foreach (var name in setNames)
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
