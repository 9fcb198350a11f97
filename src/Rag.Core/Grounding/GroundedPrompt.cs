using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Rag.Core.Prompts;
using Rag.Core.Retrieval;

namespace Rag.Core.Grounding;

/// <summary>
/// Builds the messages for a grounded answer: the system rules, earlier turns without their old citation numbers,
/// and the sources numbered from 1 inside <c>&lt;source&gt;</c> delimiters that document text cannot close or forge.
/// </summary>
public static partial class GroundedPrompt
{
    /// <summary>The messages for <paramref name="question"/> over <paramref name="sources"/> (numbered in list order).</summary>
    public static IReadOnlyList<ChatMessage> Build(
        string question,
        IReadOnlyList<RetrievedChunk> sources,
        IReadOnlyList<ChatMessage> history,
        PromptTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(history);
        template ??= PromptTemplate.GroundedAnswer;
        var messages = new List<ChatMessage> { new(ChatRole.System, template.System) };
        foreach (var turn in history)
        {
            if (turn.Role == ChatRole.User || turn.Role == ChatRole.Assistant)
            {
                // Old citation numbers refer to old sources; leaving them would invite citing the wrong one.
                messages.Add(new ChatMessage(turn.Role, StripCitations(turn.Text)));
            }
        }

        messages.Add(new ChatMessage(ChatRole.User, template.FormatUser(new Dictionary<string, string>
        {
            ["sources"] = FormatSources(sources),
            ["question"] = Neutralize(question),
        })));
        return messages;
    }

    /// <summary>The sources as delimited blocks, numbered from 1.</summary>
    public static string FormatSources(IReadOnlyList<RetrievedChunk> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var text = new StringBuilder();
        for (var i = 0; i < sources.Count; i++)
        {
            var chunk = sources[i].Chunk;
            text.Append(CultureInfo.InvariantCulture, $"<source id=\"{i + 1}\" title=\"{Attribute(sources[i].DocumentTitle)}\"");
            if (chunk.FirstPage > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" page=\"{chunk.FirstPage}\"");
            }

            if (chunk.HeadingPath.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" section=\"{Attribute(string.Join(" > ", chunk.HeadingPath))}\"");
            }

            text.Append(">\n").Append(Neutralize(chunk.Text.Trim())).Append("\n</source>\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Document text cannot open or close a source block: "&lt;source" and "&lt;/source" lose their angle bracket.</summary>
    /// <summary>The text without its <c>[n]</c> citation markers (they point at sources of another turn).</summary>
    internal static string StripCitations(string text) => OldCitation().Replace(text, string.Empty);

    internal static string Neutralize(string text) => SourceTag().Replace(text, m => "‹" + m.Value[1..]);

    private static string Attribute(string value) => Neutralize(value).Replace('"', '\'').ReplaceLineEndings(" ");

    [GeneratedRegex(@"<\s*/?\s*source", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceTag();

    [GeneratedRegex(@"\s*\[\d+(?:\s*,\s*\d+)*\]")]
    private static partial Regex OldCitation();
}
