using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Office;

namespace Rag.Ingest.Tests.Readers.Office;

public sealed class XlsxDocumentReaderTests
{
    [Fact]
    public async Task ReadAsync_Sheets_SectionPerSheetRowsAsLines()
    {
        var xlsx = OfficeTestDocuments.Xlsx(
        [
            ("Budget", [["Item", "Cost"], ["Laptops", "42000"]]),
            ("Staff", [["Name", "Role"], ["Ada", "Engineer"]]),
        ]);

        var parsed = await ReaderAssertions.ReadBytesAsync(new XlsxDocumentReader(), xlsx, "plan.xlsx");

        Assert.Equal(["Budget", "Staff"], ReaderAssertions.Headings(parsed).Select(h => h.Text));
        Assert.Contains(parsed.Blocks, b => b.Text == "Columns: Item; Cost");
        Assert.Contains(parsed.Blocks, b => b.Text == "Item: Laptops; Cost: 42000");
        Assert.Contains(parsed.Blocks, b => b.Text == "Name: Ada; Role: Engineer");
        Assert.True(parsed.Blocks.Single(b => b.Text == "Name: Ada; Role: Engineer").Offset > parsed.Blocks.Single(b => b.Text == "Staff").Offset);
    }

    [Fact]
    public async Task ReadAsync_CellsSkippingColumns_PlacedUnderTheirHeader()
    {
        var xlsx = OfficeTestDocuments.Xlsx([("Rooms", [["Room", "Floor", "Seats"], ["Aurora", "", "12"]])]);

        var parsed = await ReaderAssertions.ReadBytesAsync(new XlsxDocumentReader(), xlsx, "rooms.xlsx");

        Assert.Contains(parsed.Blocks, b => b.Text == "Room: Aurora; Seats: 12");
    }

    [Fact]
    public async Task ReadAsync_MoreRowsThanTheLimit_FailsNamingTheKey()
    {
        var rows = Enumerable.Range(1, 11).Select(i => new[] { "row", i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var xlsx = OfficeTestDocuments.Xlsx([("Big", rows)]);

        var ex = await Assert.ThrowsAsync<DocumentReadException>(
            () => ReaderAssertions.ReadBytesAsync(new XlsxDocumentReader(new ZipPackageLimits(), maxRows: 10), xlsx, "big.xlsx"));

        Assert.Contains("Rag:Ingestion:MaxTableRows", ex.Message, StringComparison.Ordinal);
    }
}
