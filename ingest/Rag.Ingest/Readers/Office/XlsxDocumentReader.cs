using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Rag.Core.Documents;
using Rag.Ingest.Readers.Tables;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Reads Excel workbooks (.xlsx) with the OpenXml SDK after <see cref="ZipPackageGuard"/> checked the package.
/// Each worksheet is a section headed by its name; its first non-empty row is the header ("Columns: a; b") and every
/// further row one paragraph "a: value; b: value" (<see cref="TableRowText"/>; cells are placed by their column
/// reference; shared and inline strings, booleans, numbers as stored). More than <c>Rag:Ingestion:MaxTableRows</c> rows in one sheet fails
/// the document. Sheets carry no page. Title: the core-properties title.
/// </summary>
public sealed class XlsxDocumentReader : IDocumentReader
{
    private const string Format = "XLSX";
    private const int MaxColumns = 16_384; // XFD, Excel's last column
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
        List<string>? header = null;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++count > _maxRows)
            {
                throw TableLimits.TooManyRows($"XLSX sheet '{sheetName}'", _maxRows);
            }

            var values = Values(row, shared);
            if (values.All(v => v.Length == 0))
            {
                continue;
            }

            if (header is null)
            {
                header = values;
                builder.AddParagraph(TableRowText.Header(header));
                continue;
            }

            builder.AddParagraph(TableRowText.Labelled(header, values));
        }
    }

    // Cells may skip empty columns: place each by its reference ("C7" is column 2), else after the previous one.
    private static List<string> Values(Row row, string[] shared)
    {
        var values = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnOf(cell.CellReference?.Value);
            if (column is { } index && index >= values.Count && index < MaxColumns)
            {
                while (values.Count < index)
                {
                    values.Add(string.Empty);
                }
            }

            values.Add(ValueOf(cell, shared));
        }

        return values;
    }

    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (c - 'A' + 1);
            if (column > MaxColumns)
            {
                return null;
            }
        }

        return column == 0 ? null : column - 1;
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
