using System.Text;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class PlainTextDocumentReaderTests
{
    private readonly PlainTextDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_BlankLines_SeparateParagraphs()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "First line\r\ncontinues here.\r\n\r\n  \r\nSecond\tparagraph.\n\n\n", "notes.txt");

        Assert.Equal(["First line continues here.", "Second paragraph."], parsed.Blocks.Select(b => b.Text));
        Assert.Null(parsed.Title);
        Assert.Equal(0, parsed.PageCount);
    }

    [Fact]
    public async Task ReadAsync_Utf8Bom_IsNotPartOfTheText()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Stra\u00dfe")).ToArray();

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, bytes, "bom.txt");

        Assert.Equal("Stra\u00dfe", Assert.Single(parsed.Blocks).Text);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_IsReplacedNotFatal()
    {
        byte[] bytes = [(byte)'o', (byte)'k', 0xFF, 0xFE, 0xC3, (byte)' ', (byte)'e', (byte)'n', (byte)'d'];

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, bytes, "broken.txt");

        var text = Assert.Single(parsed.Blocks).Text;
        Assert.StartsWith("ok", text, StringComparison.Ordinal);
        Assert.EndsWith("end", text, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', text);
    }

    [Fact]
    public async Task ReadAsync_HyphenatedLineEndsAndLigatures_Cleaned()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "The conﬁguration ﬁle is re-\nloaded on every well-\nknown signal.\u0007\n", "notes.txt");

        Assert.Equal("The configuration file is reloaded on every well-known signal.", Assert.Single(parsed.Blocks).Text);
    }
}
