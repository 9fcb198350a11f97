using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Rag.Ingest.Readers.Email;

/// <summary>Adds message text to a document: plain text by blank-line paragraphs, HTML by its visible text.</summary>
internal static partial class EmailText
{
    public static void AddPlain(string text, ParsedDocumentBuilder builder)
    {
        foreach (var paragraph in BlankLine().Split(text.ReplaceLineEndings("\n")))
        {
            builder.AddParagraph(TextNormalizer.Collapse(paragraph));
        }
    }

    public static void AddHtml(string html, ParsedDocumentBuilder builder, CancellationToken cancellationToken)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true });
        using var document = parser.ParseDocument(html);
        new HtmlVisibleTextWalker(builder, cancellationToken).Walk(document);
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();
}
