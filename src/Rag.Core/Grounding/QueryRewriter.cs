using System.Text;
using Microsoft.Extensions.AI;
using Rag.Core.Prompts;

namespace Rag.Core.Grounding;

/// <summary>
/// Turns a follow-up ("and for part-time staff?") into a standalone search query before retrieval. With a
/// generator the model rewrites it (prompt <see cref="PromptTemplate.QueryRewrite"/>). Without one, or when the
/// model's output is unusable, a question with a follow-up cue (<see cref="FollowUpCues"/>) is searched together with
/// the question that set the conversation's topic (the last one that was not itself a follow-up), and a question
/// without a cue is searched as it is: a change of topic is answered as if asked fresh.
/// </summary>
public sealed class QueryRewriter
{
    private const int MaxQueryChars = 400;
    private const int MaxRewriteTokens = 96;
    private readonly IChatClient? _generator;

    /// <summary>Creates the rewriter; <paramref name="generator"/> is null when no generator is configured.</summary>
    public QueryRewriter(IChatClient? generator = null) => _generator = generator;

    /// <summary>The query to search for <paramref name="question"/> after <paramref name="history"/> (oldest first).</summary>
    public async Task<string> RewriteAsync(string question, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        var lastQuestion = history.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (string.IsNullOrWhiteSpace(lastQuestion))
        {
            return question;
        }

        var fallback = WithoutModel(question, history);
        if (_generator is null)
        {
            return fallback;
        }

        var transcript = new StringBuilder();
        foreach (var turn in history.Where(m => m.Role == ChatRole.User || m.Role == ChatRole.Assistant))
        {
            transcript.Append(turn.Role == ChatRole.User ? "User: " : "Assistant: ").AppendLine(GroundedPrompt.StripCitations(turn.Text).ReplaceLineEndings(" "));
        }

        var template = PromptTemplate.QueryRewrite;
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, template.System),
            new(ChatRole.User, template.FormatUser(new Dictionary<string, string>
            {
                ["history"] = transcript.ToString().TrimEnd(),
                ["question"] = question,
            })),
        };
        var response = await _generator.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = MaxRewriteTokens, Temperature = 0 }, cancellationToken);
        var line = response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.Trim('"', '\'', '`', ' ');
        return string.IsNullOrWhiteSpace(line) || line.Length > MaxQueryChars ? fallback : line;
    }

    /// <summary>
    /// The query for <paramref name="question"/> without a model: the question alone, or, when it is a follow-up,
    /// prefixed with the question that set the topic of <paramref name="history"/> (oldest first).
    /// </summary>
    public static string WithoutModel(string question, IReadOnlyList<ChatMessage> history)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        if (!FollowUpCues.IsFollowUp(question))
        {
            return question;
        }

        var asked = history.Where(m => m.Role == ChatRole.User && !string.IsNullOrWhiteSpace(m.Text)).Select(m => m.Text.Trim()).ToList();
        if (asked.Count == 0)
        {
            return question;
        }

        // The topic is set by the last question that stood on its own; follow-ups after it add nothing but pronouns.
        var topic = asked.LastOrDefault(q => !FollowUpCues.IsFollowUp(q)) ?? asked[^1];
        return Trim(topic + " " + question.Trim());
    }

    private static string Trim(string query) => query.Length <= MaxQueryChars ? query : query[^MaxQueryChars..];
}
