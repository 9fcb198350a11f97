using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Components;

namespace Rag.Web.Workspaces.Ask;

/// <summary>
/// Renders an answer's Markdown for the page. An answer is data written by a model or quoted from documents, so it
/// may hold anything: Markdown is rendered with raw HTML off (it shows as text), then the HTML is sanitised to a
/// strict allow-list of text formatting. No element that loads or navigates survives: no images, frames, objects,
/// styles or scripts, and links keep only their text. Only the sanitised result becomes a <see cref="MarkupString"/>.
/// </summary>
internal sealed class AnswerMarkdown
{
    private static readonly string[] TextTags =
    [
        "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    ];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseEmphasisExtras().Build();
    private readonly HtmlSanitizer _sanitizer;

    public AnswerMarkdown()
    {
        // Empty() starts with nothing allowed; only the text tags are added.
        var options = HtmlSanitizerOptions.Empty();
        foreach (var tag in TextTags)
        {
            options.AllowedTags.Add(tag);
        }

        // No attributes (so no href, src, style, on*), no URL schemes, no CSS: nothing can point anywhere.
        _sanitizer = new HtmlSanitizer(options)
        {
            // A removed element (a link) leaves its text; the element itself, and any URL it held, are gone.
            KeepChildNodes = true,
        };
    }

    /// <summary>The HTML of <paramref name="markdown"/>, sanitised.</summary>
    public string ToSafeHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
    }

    /// <summary><see cref="ToSafeHtml"/> as markup for a component.</summary>
    public MarkupString Render(string markdown) => new(ToSafeHtml(markdown));
}
