using System.Text;
using Markdig.Syntax.Inlines;

namespace Rag.Ingest.Readers;

/// <summary>The visible text of Markdig inlines: emphasis unwrapped, link text kept, images become alt text, URLs and raw HTML dropped.</summary>
internal static class MarkdownInlineText
{
    public static string Of(ContainerInline? container)
    {
        if (container is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        Append(container, sb);
        return TextNormalizer.Collapse(sb.ToString());
    }

    private static void Append(ContainerInline container, StringBuilder sb)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case AutolinkInline { IsEmail: true } email:
                    sb.Append(email.Url);
                    break;
                case ContainerInline nested:
                    // Emphasis, links (their children are the link text) and images (children are the alt text).
                    Append(nested, sb);
                    break;
                default:
                    // URL autolinks, raw HTML, task-list checkboxes: nothing a reader would read as prose.
                    break;
            }
        }
    }
}
