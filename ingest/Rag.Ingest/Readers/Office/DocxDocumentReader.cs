using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rag.Core.Documents;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Reads Word documents (.docx) with the OpenXml SDK after <see cref="ZipPackageGuard"/> checked the package:
/// heading paragraphs (styles Heading1..9, outline levels) become headings, other paragraphs paragraphs, each table row
/// one paragraph of "cell | cell"; content controls are read through. Word has no stable pages: blocks carry no page.
/// Title: the core-properties title, else the first "Title"-style paragraph, else the first heading.
/// </summary>
public sealed class DocxDocumentReader : IDocumentReader
{
    private const string Format = "DOCX";
    private static readonly string[] FileExtensions = [".docx"];

    private readonly ZipPackageLimits _limits;

    /// <summary>A reader with the default <see cref="ZipPackageLimits"/>.</summary>
    public DocxDocumentReader()
        : this(new ZipPackageLimits())
    {
    }

    /// <summary>A reader with <paramref name="limits"/> (validated here).</summary>
    public DocxDocumentReader(ZipPackageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
    }

    /// <inheritdoc />
    public string MediaType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Extensions => FileExtensions;

    /// <inheritdoc />
    public async Task<ParsedDocument> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        await using var package = await OfficePackage.OpenCheckedAsync(content, _limits, Format, cancellationToken);
        return OfficePackage.Parse(Format, () => Read(package, cancellationToken));
    }

    private ParsedDocument Read(Stream package, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(package, isEditable: false, OfficePackage.Settings(_limits));
        var main = document.MainDocumentPart ?? throw new DocumentReadException("DOCX has no main document part");
        var body = main.Document?.Body ?? throw new DocumentReadException("DOCX has no document body");
        var styles = new WordHeadingStyles(main);
        var builder = new ParsedDocumentBuilder();
        string? styledTitle = null;

        // Iterative walk: content controls and custom XML can nest block content deeply.
        var stack = new Stack<OpenXmlElement>(body.ChildElements.Reverse());
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (stack.Pop())
            {
                case Paragraph paragraph:
                    var text = OpenXmlText.OfWord(paragraph);
                    if (styles.IsTitle(paragraph))
                    {
                        styledTitle ??= text;
                        builder.AddHeading(text, 1);
                    }
                    else if (styles.LevelOf(paragraph) is var level and > 0)
                    {
                        builder.AddHeading(text, level);
                    }
                    else
                    {
                        builder.AddParagraph(text);
                    }

                    break;
                case Table table:
                    AddTable(table, builder);
                    break;
                case var container when container.HasChildren:
                    foreach (var child in container.ChildElements.Reverse())
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }

        var title = OfficePackage.Title(document) ?? (string.IsNullOrEmpty(styledTitle) ? null : styledTitle);
        return builder.Build(title ?? builder.FirstHeading());
    }

    private static void AddTable(Table table, ParsedDocumentBuilder builder)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().Select(OpenXmlText.OfWord).Where(c => c.Length > 0);
            builder.AddParagraph(string.Join(" | ", cells));
        }
    }
}
