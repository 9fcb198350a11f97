using DocumentFormat.OpenXml.Packaging;
using Rag.Core.Documents;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Reads PowerPoint presentations (.pptx) with the OpenXml SDK after <see cref="ZipPackageGuard"/> checked the package.
/// Each slide is a page (citations name the slide number): its title placeholder is a heading, every other text
/// paragraph a paragraph, each table row "cell | cell", then the speaker notes. Title: the core-properties title,
/// else the first slide's title.
/// </summary>
public sealed class PptxDocumentReader : IDocumentReader
{
    private const string Format = "PPTX";
    private static readonly string[] FileExtensions = [".pptx"];

    private readonly ZipPackageLimits _limits;

    /// <summary>A reader with the default <see cref="ZipPackageLimits"/>.</summary>
    public PptxDocumentReader()
        : this(new ZipPackageLimits())
    {
    }

    /// <summary>A reader with <paramref name="limits"/> (validated here).</summary>
    public PptxDocumentReader(ZipPackageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
    }

    /// <inheritdoc />
    public string MediaType => "application/vnd.openxmlformats-officedocument.presentationml.presentation";

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
        using var document = PresentationDocument.Open(package, isEditable: false, OfficePackage.Settings(_limits));
        var presentation = document.PresentationPart ?? throw new DocumentReadException("PPTX has no presentation part");
        var slideIds = presentation.Presentation?.SlideIdList?.Elements<P.SlideId>().ToList() ?? [];
        var builder = new ParsedDocumentBuilder();
        string? firstTitle = null;
        var number = 0;
        foreach (var slideId in slideIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            if (slideId.RelationshipId?.Value is not { } relationship
                || !presentation.TryGetPartById(relationship, out var part)
                || part is not SlidePart slide)
            {
                continue;
            }

            var title = AddSlide(slide, number, builder);
            firstTitle ??= title;
        }

        if (number == 0)
        {
            throw new DocumentReadException("PPTX has no slides");
        }

        return builder.Build(OfficePackage.Title(document) ?? firstTitle, pageCount: number);
    }

    private static string? AddSlide(SlidePart slide, int number, ParsedDocumentBuilder builder)
    {
        string? title = null;
        var tree = slide.Slide?.CommonSlideData?.ShapeTree;
        if (tree is null)
        {
            return null;
        }

        var shapes = tree.Descendants<P.Shape>().ToList();
        foreach (var shape in shapes.Where(IsTitle))
        {
            var text = OpenXmlText.OfDrawing(shape.TextBody!);
            title ??= text.Length > 0 ? text : null;
            builder.AddHeading(text, 1, number);
        }

        foreach (var shape in shapes.Where(s => !IsTitle(s) && s.TextBody is not null))
        {
            foreach (var paragraph in shape.TextBody!.Elements<A.Paragraph>())
            {
                builder.AddParagraph(OpenXmlText.OfDrawing(paragraph), number);
            }
        }

        foreach (var row in tree.Descendants<A.TableRow>())
        {
            var cells = row.Elements<A.TableCell>().Select(OpenXmlText.OfDrawing).Where(c => c.Length > 0);
            builder.AddParagraph(string.Join(" | ", cells), number);
        }

        AddNotes(slide, number, builder);
        return title;
    }

    private static void AddNotes(SlidePart slide, int number, ParsedDocumentBuilder builder)
    {
        var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Descendants<P.Shape>() ?? [];
        foreach (var shape in notes.Where(s => PlaceholderType(s) == P.PlaceholderValues.Body && s.TextBody is not null))
        {
            foreach (var paragraph in shape.TextBody!.Elements<A.Paragraph>())
            {
                builder.AddParagraph(OpenXmlText.OfDrawing(paragraph), number);
            }
        }
    }

    private static bool IsTitle(P.Shape shape) =>
        shape.TextBody is not null
        && PlaceholderType(shape) is { } type
        && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle);

    private static P.PlaceholderValues? PlaceholderType(P.Shape shape)
    {
        var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;
        if (placeholder is null)
        {
            return null;
        }

        // A placeholder without a type is a body placeholder (ECMA-376 19.3.1.36).
        return placeholder.Type?.Value ?? P.PlaceholderValues.Body;
    }
}
