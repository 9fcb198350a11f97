using System.Text;
using AngleSharp.Html.Parser;
using Rag.Core.Documents;

namespace Rag.Ingest.Readers;

/// <summary>
/// Reads HTML with AngleSharp and keeps only visible text (see <see cref="HtmlVisibleTextWalker"/>).
/// Encoding follows the byte-order mark, then the meta charset, then UTF-8. Title: &lt;title&gt;, else the first H1
/// (each only when <see cref="TitleChooser"/> finds it meaningful).
/// </summary>
public sealed class HtmlDocumentReader : IDocumentReader
{
    private static readonly string[] FileExtensions = [".html", ".htm"];

    static HtmlDocumentReader()
    {
        // Legacy pages declare windows-1252, iso-8859-x, shift_jis...: make those code pages resolvable.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <inheritdoc />
    public string MediaType => "text/html";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var bytes = await ReaderStreams.ReadAllBytesAsync(content, cancellationToken);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, SkipComments = true });
        using var memory = new MemoryStream(bytes, writable: false);
        using var document = parser.ParseDocument(memory);

        var builder = new ParsedDocumentBuilder();
        new HtmlVisibleTextWalker(builder, cancellationToken).Walk(document);
        return builder.Build(document.Title, fallbackTitle: builder.FirstHeading(level: 1));
    }
}
