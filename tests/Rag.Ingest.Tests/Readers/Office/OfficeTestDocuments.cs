using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Rag.Ingest.Tests.Readers.Office;

/// <summary>One Word paragraph: its style id (null: body text) and text.</summary>
internal sealed record WordParagraph(string? Style, string Text);

/// <summary>One slide: title, body paragraphs, optional table rows and speaker notes.</summary>
internal sealed record TestSlide(string Title, IReadOnlyList<string> Body, IReadOnlyList<string[]>? Table = null, string? Notes = null);

/// <summary>Builds small real Office documents with the OpenXml SDK, in memory.</summary>
internal static class OfficeTestDocuments
{
    public static byte[] Docx(string? title, IReadOnlyList<WordParagraph> paragraphs, IReadOnlyList<string[]>? table = null)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }

            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new W.Styles(
                new W.Style(new W.StyleName { Val = "heading 1" }, new W.StyleParagraphProperties(new W.OutlineLevel { Val = 0 })) { Type = W.StyleValues.Paragraph, StyleId = "Heading1" },
                new W.Style(new W.StyleName { Val = "heading 2" }, new W.StyleParagraphProperties(new W.OutlineLevel { Val = 1 })) { Type = W.StyleValues.Paragraph, StyleId = "Heading2" },
                new W.Style(new W.StyleName { Val = "Title" }) { Type = W.StyleValues.Paragraph, StyleId = "Title" },
                new W.Style(new W.StyleName { Val = "My Section" }, new W.BasedOn { Val = "Heading2" }) { Type = W.StyleValues.Paragraph, StyleId = "MySection" });
            var body = new W.Body();
            foreach (var paragraph in paragraphs)
            {
                body.Append(WordPara(paragraph));
            }

            if (table is not null)
            {
                var t = new W.Table();
                foreach (var row in table)
                {
                    t.Append(new W.TableRow(row.Select(cell => new W.TableCell(WordPara(new WordParagraph(null, cell))))));
                }

                body.Append(t);
            }

            main.Document = new W.Document(body);
        }

        return memory.ToArray();
    }

    public static byte[] Pptx(string? title, IReadOnlyList<TestSlide> slides)
    {
        using var memory = new MemoryStream();
        using (var document = PresentationDocument.Create(memory, PresentationDocumentType.Presentation))
        {
            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }

            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            uint id = 256;
            foreach (var slide in slides)
            {
                var part = presentation.AddNewPart<SlidePart>();
                var tree = new P.ShapeTree(
                    new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                    new P.GroupShapeProperties(),
                    Shape(2, "Title", P.PlaceholderValues.Title, [slide.Title]),
                    Shape(3, "Body", P.PlaceholderValues.Body, slide.Body));
                if (slide.Table is not null)
                {
                    tree.Append(TableFrame(4, slide.Table));
                }

                part.Slide = new P.Slide(new P.CommonSlideData(tree));
                if (slide.Notes is not null)
                {
                    var notes = part.AddNewPart<NotesSlidePart>();
                    notes.NotesSlide = new P.NotesSlide(new P.CommonSlideData(new P.ShapeTree(
                        new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                        new P.GroupShapeProperties(),
                        Shape(2, "Notes", P.PlaceholderValues.Body, [slide.Notes]))));
                }

                ids.Append(new P.SlideId { Id = id++, RelationshipId = presentation.GetIdOfPart(part) });
            }

            presentation.Presentation = new P.Presentation(ids);
        }

        return memory.ToArray();
    }

    public static byte[] Xlsx(IReadOnlyList<(string Name, IReadOnlyList<string[]> Rows)> sheets)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new S.SharedStringTable();
            var sheetList = new S.Sheets();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new S.SheetData();
                uint rowNumber = 1;
                foreach (var row in rows)
                {
                    // Empty values get no cell at all, as Excel writes them; the others carry their reference ("C1").
                    var cells = row.Select((value, column) => (value, column)).Where(c => c.value.Length > 0)
                        .Select(c => Cell(c.value, shared.SharedStringTable, $"{(char)('A' + c.column)}{rowNumber}"));
                    data.Append(new S.Row(cells) { RowIndex = rowNumber++ });
                }

                part.Worksheet = new S.Worksheet(data);
                sheetList.Append(new S.Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = name });
            }

            workbook.Workbook = new S.Workbook(sheetList);
        }

        return memory.ToArray();
    }

    /// <summary>Copies <paramref name="package"/> and adds <paramref name="entries"/> (raw ZIP entries, names may repeat).</summary>
    public static byte[] WithExtraEntries(byte[] package, IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var memory = new MemoryStream();
        memory.Write(package);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    private static W.Paragraph WordPara(WordParagraph paragraph)
    {
        var p = new W.Paragraph(new W.Run(new W.Text(paragraph.Text) { Space = SpaceProcessingModeValues.Preserve }));
        if (paragraph.Style is not null)
        {
            p.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = paragraph.Style }));
        }

        return p;
    }

    private static P.Shape Shape(uint id, string name, P.PlaceholderValues type, IEnumerable<string> paragraphs) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = name },
            new P.NonVisualShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = type })),
        new P.ShapeProperties(),
        new P.TextBody(
            [new A.BodyProperties(), new A.ListStyle(), .. paragraphs.Select(text => new A.Paragraph(new A.Run(new A.Text(text))))]));

    private static P.GraphicFrame TableFrame(uint id, IReadOnlyList<string[]> rows)
    {
        var table = new A.Table(new A.TableGrid(rows[0].Select(_ => new A.GridColumn { Width = 1_000_000 })));
        foreach (var row in rows)
        {
            table.Append(new A.TableRow(row.Select(cell => new A.TableCell(
                new A.TextBody(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.Text(cell)))),
                new A.TableCellProperties()))) { Height = 370_840 });
        }

        return new P.GraphicFrame(
            new P.NonVisualGraphicFrameProperties(
                new P.NonVisualDrawingProperties { Id = id, Name = "Table" },
                new P.NonVisualGraphicFrameDrawingProperties(),
                new P.ApplicationNonVisualDrawingProperties()),
            new P.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 1, Cy = 1 }),
            new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" }));
    }

    private static S.Cell Cell(string value, S.SharedStringTable shared, string reference)
    {
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return new S.Cell { CellReference = reference, CellValue = new S.CellValue(value), DataType = S.CellValues.Number };
        }

        shared.Append(new S.SharedStringItem(new S.Text(value)));
        var index = shared.Elements<S.SharedStringItem>().Count() - 1;
        return new S.Cell { CellReference = reference, CellValue = new S.CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), DataType = S.CellValues.SharedString };
    }
}
