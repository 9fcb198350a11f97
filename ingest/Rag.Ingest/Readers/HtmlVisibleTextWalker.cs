using System.Text;
using AngleSharp.Dom;

namespace Rag.Ingest.Readers;

/// <summary>
/// Walks an HTML DOM without recursion (pages can nest thousands of levels deep) and emits visible text:
/// script, style, noscript, template, head, svg, iframe, object, canvas, [hidden], aria-hidden="true" and
/// inline display:none / visibility:hidden subtrees are skipped; h1–h6 become headings; every other block-level
/// element (p, li, tr, pre, blockquote, dd, dt, figcaption, div...) closes a paragraph; table cells are joined by " | ".
/// </summary>
internal sealed class HtmlVisibleTextWalker(ParsedDocumentBuilder builder, CancellationToken cancellationToken)
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas",
        "audio", "video", "select", "datalist", "button", "input", "textarea",
    };

    private static readonly HashSet<string> BlockLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "legend", "li", "main", "nav", "ol",
        "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    };

    private readonly StringBuilder _text = new();
    private int _headingLevel;
    private int _preDepth;
    private bool _rowHasCell;

    public void Walk(IDocument document)
    {
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((document.DocumentElement, false));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, leaving) = stack.Pop();
            if (node is IText text)
            {
                _text.Append(text.Data);
                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            if (leaving)
            {
                Leave(element);
                continue;
            }

            if (IsInvisible(element))
            {
                continue;
            }

            Enter(element);
            stack.Push((element, true));
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        Flush();
    }

    private void Enter(IElement element)
    {
        var name = element.LocalName;
        if (HeadingLevel(name) is var level and > 0)
        {
            Flush();
            _headingLevel = level;
        }
        else if (name is "td" or "th")
        {
            if (_rowHasCell)
            {
                _text.Append(" | ");
            }

            _rowHasCell = true;
        }
        else if (BlockLevel.Contains(name))
        {
            Flush();
            if (name == "tr")
            {
                _rowHasCell = false;
            }
        }

        if (name == "pre")
        {
            _preDepth++;
        }
        else if (name == "br")
        {
            _text.Append(_preDepth > 0 ? '\n' : ' ');
        }
    }

    private void Leave(IElement element)
    {
        var name = element.LocalName;
        if (name is "td" or "th")
        {
            _text.Append(' ');
            return;
        }

        if (HeadingLevel(name) > 0)
        {
            Flush();
            _headingLevel = 0;
        }
        else if (BlockLevel.Contains(name))
        {
            Flush();
        }

        if (name == "pre")
        {
            _preDepth--;
        }
    }

    private void Flush()
    {
        var raw = _text.ToString();
        _text.Clear();
        if (_headingLevel > 0)
        {
            builder.AddHeading(TextNormalizer.Collapse(raw), _headingLevel);
            return;
        }

        if (_preDepth > 0)
        {
            builder.AddPreformatted(raw);
        }
        else
        {
            builder.AddParagraph(TextNormalizer.Collapse(raw));
        }
    }

    private static bool IsInvisible(IElement element)
    {
        if (Skipped.Contains(element.LocalName) || element.HasAttribute("hidden"))
        {
            return true;
        }

        if (string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return false;
        }

        var compact = string.Concat(style.Where(c => !char.IsWhiteSpace(c)));
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }

    private static int HeadingLevel(string name) =>
        name.Length == 2 && (name[0] is 'h' or 'H') && name[1] is >= '1' and <= '6' ? name[1] - '0' : 0;
}
