using System.Text;
using System.Text.RegularExpressions;

namespace Rag.Evaluation.Qa;

/// <summary>How "the answer contains X" is decided: case-insensitive, whitespace-normalised, citation markers ignored.</summary>
public static partial class AnswerText
{
    /// <summary>
    /// The expected texts that <paramref name="answer"/> does not contain. Both sides have runs of whitespace collapsed
    /// to one space and are compared case-insensitively; "[n]" citation markers are removed from the answer first, so an
    /// expected phrase may span two quoted sentences.
    /// </summary>
    public static IReadOnlyList<string> Missing(string answer, IReadOnlyList<string> expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(expected);
        var haystack = Normalise(CitationMarker().Replace(answer, " "));
        return [.. expected.Where(e => !haystack.Contains(Normalise(e), StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// The first sentence of <paramref name="answer"/>: the text up to and including its first "[n]" citation marker
    /// (a quoted answer is sentences each followed by their citation), or the whole text when it cites nothing.
    /// </summary>
    public static string FirstSentence(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var marker = CitationMarker().Match(answer);
        return marker.Success ? answer[..(marker.Index + marker.Length)] : answer;
    }

    /// <summary>Trims and collapses every run of whitespace (including line breaks and non-breaking spaces) to one space.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex CitationMarker();
}
