using AngleSharp.Html.Parser;
using Rag.Web.Workspaces.Ask;

namespace Rag.Web.Tests.Workspaces.Ask;

/// <summary>Hostile answers: whatever a model writes or a document holds, the page gets text formatting and nothing that loads or runs.</summary>
public sealed class AnswerMarkdownTests
{
    private static readonly string[] TextTags =
        ["p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"];

    private readonly AnswerMarkdown _markdown = new();

    [Fact]
    public void ToSafeHtml_PlainMarkdown_KeepsTextFormatting()
    {
        var html = _markdown.ToSafeHtml("The **vault** code is *secret* [1].\n\n- one\n- two\n\n`x`");

        Assert.Contains("<strong>vault</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>secret</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<code>x</code>", html, StringComparison.Ordinal);
        Assert.Contains("[1]", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("before <script src=\"http://evil.example/x.js\"></script> after")]
    [InlineData("<img src=http://evil.example/pixel.png onerror=alert(1)>")]
    [InlineData("<iframe src=\"http://evil.example\"></iframe>")]
    [InlineData("<object data=\"http://evil.example/x.swf\"></object>")]
    [InlineData("<div style=\"background:url(http://evil.example/x)\">styled</div>")]
    [InlineData("<a href=\"http://evil.example\">raw link</a>")]
    public void ToSafeHtml_RawHtml_IsShownAsTextNeverAsElements(string hostile)
    {
        var html = _markdown.ToSafeHtml(hostile);

        AssertNothingLoadsOrRuns(html);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSafeHtml_RawFormattingHtml_IsEscapedNotRendered()
    {
        // The sanitiser alone would let <em> through: only Markdown's own syntax formats an answer.
        var html = _markdown.ToSafeHtml("a <em>raw</em> tag");

        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;em&gt;raw&lt;/em&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![pixel](http://evil.example/pixel.png)", null)]
    [InlineData("![](https://evil.example/a.gif \"title\")", null)]
    [InlineData("[click here](javascript:alert(1))", "click here")]
    [InlineData("[the policy](http://evil.example/phish)", "the policy")]
    [InlineData("<http://evil.example/autolink>", "http://evil.example/autolink")]
    [InlineData("<mailto:someone@evil.example>", "someone@evil.example")]
    [InlineData("[ref][1]\n\n[1]: http://evil.example/ref", "ref")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "x")]
    public void ToSafeHtml_MarkdownImagesAndLinks_LeaveNoElementThatLoadsOrNavigates(string hostile, string? keptText)
    {
        var html = _markdown.ToSafeHtml(hostile);

        AssertNothingLoadsOrRuns(html);
        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
        if (keptText is not null)
        {
            Assert.Contains(keptText, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToSafeHtml_CodeBlockWithLanguage_KeepsNoAttributes()
    {
        var html = _markdown.ToSafeHtml("```html\n<script>alert(1)</script>\n```");

        Assert.Contains("<pre><code>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReturnsTheSanitisedHtml()
    {
        Assert.Equal(_markdown.ToSafeHtml("![x](http://evil.example/x.png) **b**"), _markdown.Render("![x](http://evil.example/x.png) **b**").Value);
    }

    // Parsed as a browser would: every element must be a text-formatting one, and none may carry any attribute.
    private static void AssertNothingLoadsOrRuns(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, TextTags);
            Assert.Empty(element.Attributes);
        }
    }
}
