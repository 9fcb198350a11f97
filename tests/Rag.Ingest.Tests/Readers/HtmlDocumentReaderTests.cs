using System.Text;
using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class HtmlDocumentReaderTests
{
    private const string Sample = """
        <!DOCTYPE html>
        <html>
        <head>
          <title>  IT   FAQ </title>
          <style>.secret-style { color: red; }</style>
          <script>var secretScript = "do-not-index";</script>
        </head>
        <body>
          <h1>Help desk</h1>
          <p>Connect to the   <a href="https://vpn.example/setup">VPN</a>
             before opening the intranet.</p>
          <script>document.write("inline-script-text")</script>
          <noscript>noscript-text</noscript>
          <template><p>template-text</p></template>
          <svg><text>svg-text</text></svg>
          <div hidden>hidden-attribute-text</div>
          <div aria-hidden="true">aria-hidden-text</div>
          <p style="color: red; display : none">display-none-text</p>
          <span style="visibility:hidden">visibility-hidden-text</span>
          <h2>Printers</h2>
          <ul><li>Floor 2: <b>PRN-02</b></li><li>Floor 3: PRN-03</li></ul>
          <table>
            <tr><th>Network</th><th>Password</th></tr>
            <tr><td>Guest</td><td>welcome2024</td></tr>
          </table>
          <h3>Commands</h3>
          <pre>ping gateway
        ipconfig /all</pre>
          <blockquote>Restart first.</blockquote>
          <dl><dt>SSID</dt><dd>northwind-corp</dd></dl>
          <figure><img src="x.png" alt="diagram"><figcaption>Network map</figcaption></figure>
        </body>
        </html>
        """;

    private readonly HtmlDocumentReader _reader = new();

    [Theory]
    [InlineData("secret-style")]
    [InlineData("secretScript")]
    [InlineData("inline-script-text")]
    [InlineData("noscript-text")]
    [InlineData("template-text")]
    [InlineData("svg-text")]
    [InlineData("hidden-attribute-text")]
    [InlineData("aria-hidden-text")]
    [InlineData("display-none-text")]
    [InlineData("visibility-hidden-text")]
    [InlineData("https://vpn.example")]
    public async Task ReadAsync_InvisibleContent_NeverAppears(string invisible)
    {
        var parsed = await ReadSampleAsync();

        Assert.DoesNotContain(invisible, parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Headings_KeepTheirLevels()
    {
        var parsed = await ReadSampleAsync();

        Assert.Equal(
            [("Help desk", 1), ("Printers", 2), ("Commands", 3)],
            ReaderAssertions.Headings(parsed).Select(h => (h.Text, h.HeadingLevel)));
    }

    [Fact]
    public async Task ReadAsync_BlockElements_BecomeNormalisedParagraphs()
    {
        var parsed = await ReadSampleAsync();
        var paragraphs = parsed.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text).ToList();

        Assert.Contains("Connect to the VPN before opening the intranet.", paragraphs);
        Assert.Contains("Floor 2: PRN-02", paragraphs);
        Assert.Contains("Floor 3: PRN-03", paragraphs);
        Assert.Contains("Network | Password", paragraphs);
        Assert.Contains("Guest | welcome2024", paragraphs);
        Assert.Contains("ping gateway\nipconfig /all", paragraphs);
        Assert.Contains("Restart first.", paragraphs);
        Assert.Contains("SSID", paragraphs);
        Assert.Contains("northwind-corp", paragraphs);
        Assert.Contains("Network map", paragraphs);
    }

    [Fact]
    public async Task ReadAsync_TitleElement_IsTitle()
    {
        var parsed = await ReadSampleAsync();

        Assert.Equal("IT FAQ", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_NoTitleElement_TitleIsFirstH1()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "<body><p>Intro</p><h1>Wi-Fi  guide</h1></body>", "wifi.html");

        Assert.Equal("Wi-Fi guide", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_MetaCharsetWindows1252_DecodesAccents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var html = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 cr\u00e8me \u20ac5</p></body></html>";
        var bytes = Encoding.GetEncoding(1252).GetBytes(html);

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, bytes, "legacy.htm");

        Assert.Equal("Caf\u00e9 cr\u00e8me \u20ac5", Assert.Single(parsed.Blocks).Text);
    }

    [Fact]
    public async Task ReadAsync_Utf16WithBom_Decodes()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<p>Gr\u00fc\u00dfe aus K\u00f6ln</p>")).ToArray();

        var parsed = await ReaderAssertions.ReadBytesAsync(_reader, bytes, "bom.html");

        Assert.Equal("Gr\u00fc\u00dfe aus K\u00f6ln", Assert.Single(parsed.Blocks).Text);
    }

    [Fact]
    public async Task ReadAsync_PlaceholderTitleElement_TitleIsFirstH1()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "<head><title>Untitled Document</title></head><body><h1>VPN setup</h1><p>Body.</p></body>", "vpn.html");

        Assert.Equal("VPN setup", parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_SoftHyphensAndLigatures_Cleaned()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "<body><p>Con&shy;fig&shy;ure the ﬁrewall.</p></body>", "fw.html");

        Assert.Equal("Configure the firewall.", Assert.Single(parsed.Blocks).Text);
    }

    private Task<ParsedDocument> ReadSampleAsync() => ReaderAssertions.ReadTextAsync(_reader, Sample, "it-faq.html");
}
