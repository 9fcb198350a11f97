using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rag.Core.Documents;
using Rag.Ingest.Readers.Tables;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Reads Excel workbooks (.xlsx) with the OpenXml SDK after <see cref="ZipPackageGuard"/> checked the package.
/// Each worksheet is a section headed by its name; each non-empty row one paragraph of "cell | cell" (shared and
/// inline strings, booleans, numbers as stored). More than <c>Rag:Ingestion:MaxTableRows</c> rows in one sheet fails
/// the document. Sheets carry no page. Title: the core-properties title.
/// </summary>
public sealed class XlsxDocumentReader : IDocumentReader
{
    private const string Format = "XLSX";
    private static readonly string[] FileExtensions = [".xlsx"];

    private readonly ZipPackageLimits _limits;
    private readonly int _maxRows;

    /// <summary>A reader with the default limits.</summary>
    public XlsxDocumentReader()
        : this(new ZipPackageLimits(), TableLimits.DefaultMaxRows)
    {
    }

    /// <summary>A reader with <paramref name="limits"/> and at most <paramref name="maxRows"/> rows per sheet.</summary>
    public XlsxDocumentReader(ZipPackageLimits limits, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        _limits = limits;
        _maxRows = maxRows;
    }

    /// <inheritdoc />
    public string MediaType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
        using var document = SpreadsheetDocument.Open(package, isEditable: false, OfficePackage.Settings(_limits));
        var workbook = document.WorkbookPart ?? throw new DocumentReadException("XLSX has no workbook part");
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>()
            .Select(item => TextNormalizer.Collapse(item.InnerText))
            .ToArray() ?? [];
        var builder = new ParsedDocumentBuilder();
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sheet.Id?.Value is not { } id || !workbook.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet)
            {
                continue; // chart sheets and dangling references carry no cells
            }

            var name = TextNormalizer.Collapse(sheet.Name?.Value);
            builder.AddHeading(name.Length > 0 ? name : "Sheet", 1);
            AddRows(worksheet, name, shared, builder, cancellationToken);
        }

        return builder.Build(OfficePackage.Title(document));
    }

    private void AddRows(WorksheetPart worksheet, string sheetName, string[] shared, ParsedDocumentBuilder builder, CancellationToken cancellationToken)
    {
        var rows = worksheet.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [];
        var count = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++count > _maxRows)
            {
                throw TableLimits.TooManyRows($"XLSX sheet '{sheetName}'", _maxRows);
            }

            var cells = row.Elements<Cell>().Select(c => ValueOf(c, shared)).Where(v => v.Length > 0);
            builder.AddParagraph(string.Join(" | ", cells));
        }
    }

    private static string ValueOf(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return TextNormalizer.Collapse(cell.InlineString?.InnerText);
        }

        var raw = cell.CellValue?.Text;
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Length
                ? shared[index]
                : string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        return TextNormalizer.Collapse(raw);
    }
}
