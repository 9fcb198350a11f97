using Rag.Core.Text;

namespace Rag.Core.Grounding;

/// <summary>
/// Tells, without a model, whether a question leans on the conversation before it: it refers back ("it", "its",
/// "that", "them"), continues ("and …", "what about …", "how about …", "what if …"), or has no content word of its
/// own ("why?"). A question without such a cue is read as a new topic and answered as if asked fresh.
/// </summary>
public static class FollowUpCues
{
    private static readonly HashSet<string> ReferringWords = new(StringComparer.Ordinal)
    {
        "it", "its", "itself", "that", "this", "these", "those", "they", "them", "their", "theirs", "he", "she", "him", "her", "his",
    };

    private static readonly string[] ContinuingStarts = ["and", "also", "what about", "how about", "what if", "then", "but", "or"];

    /// <summary>True when <paramref name="question"/> needs the conversation to be understood.</summary>
    public static bool IsFollowUp(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = ContentTerms.Words(question).ToList();
        if (words.Count == 0 || ContentTerms.Of(question).Count == 0)
        {
            return true;
        }

        var opening = string.Join(' ', words.Take(2));
        return words.Any(ReferringWords.Contains)
            || ContinuingStarts.Any(s => opening == s || opening.StartsWith(s + " ", StringComparison.Ordinal));
    }
}
