using Rag.Ingest.Readers;
using Rag.Ingest.Readers.Tables;

namespace Rag.Ingest.Tests.Readers.Tables;

public sealed class CsvDocumentReaderTests
{
    [Fact]
    public async Task ReadAsync_HeaderAndRows_RowsLabelledWithColumns()
    {
        const string csv = "Room,Floor,Seats\r\nAurora,3,12\r\n\"Borealis, large\",\"4\",\"40 \"\"plus\"\" standing\"\r\n";

        var parsed = await ReaderAssertions.ReadTextAsync(new CsvDocumentReader(), csv, "rooms.csv");

        Assert.Equal(["Columns: Room; Floor; Seats", "Room: Aurora; Floor: 3; Seats: 12", "Room: Borealis, large; Floor: 4; Seats: 40 \"plus\" standing"],
            parsed.Blocks.Select(b => b.Text));
        Assert.Null(parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_SemicolonsAndQuotedLineBreak_DelimiterDetected()
    {
        const string csv = "Name;Note\nAda;\"first line\nsecond line\"\n";

        var parsed = await ReaderAssertions.ReadTextAsync(new CsvDocumentReader(), csv, "notes.csv");

        Assert.Equal("Name: Ada; Note: first line second line", parsed.Blocks[1].Text);
    }

    [Fact]
    public async Task ReadAsync_MoreRowsThanTheLimit_FailsNamingTheKey()
    {
        var csv = "id\n" + string.Join('\n', Enumerable.Range(1, 6));

        var ex = await Assert.ThrowsAsync<DocumentReadException>(() => ReaderAssertions.ReadTextAsync(new CsvDocumentReader(maxRows: 5), csv, "ids.csv"));

        Assert.Contains("Rag:Ingestion:MaxTableRows", ex.Message, StringComparison.Ordinal);
    }
}
