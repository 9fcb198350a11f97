using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class MarkdownDocumentReaderTests
{
    private const string Sample = """
        ---
        title: Front matter title
        secret: front-matter-value
        ---
        # Security Policy

        Passwords must be **at least 14 characters** and _never_ reused.
        Read the [full standard](https://intranet.example/standards/passwords) first.

        ## Reporting incidents

        - Call the *security desk* on extension 4400.
        - Send an email to security@example.com with details.
          - Include screenshots ![error dialog screenshot](https://img.example/shot.png).

        > Report first, investigate later.

        ```bash
        sudo fdecrypt --status

        lsblk -f
        ```

        | Device | Encryption |
        |--------|------------|
        | Laptop | BitLocker  |
        | Phone  | Built-in   |

        <div class="banner">raw html block</div>

        ### Deep heading
        """;

    private readonly MarkdownDocumentReader _reader = new();

    [Fact]
    public async Task ReadAsync_FrontMatter_IsSkipped()
    {
        var parsed = await ReadSampleAsync();

        Assert.DoesNotContain("front-matter-value", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Front matter title", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Headings_KeepTheirLevels()
    {
        var parsed = await ReadSampleAsync();

        Assert.Equal(
            [("Security Policy", 1), ("Reporting incidents", 2), ("Deep heading", 3)],
            ReaderAssertions.Headings(parsed).Select(h => (h.Text, h.HeadingLevel)));
        Assert.Equal("Security Policy", parsed.Title);
        Assert.All(parsed.Blocks, b => Assert.Equal(0, b.Page));
    }

    [Fact]
    public async Task ReadAsync_InlineMarkup_IsReducedToText()
    {
        var parsed = await ReadSampleAsync();

        Assert.Contains(
            "Passwords must be at least 14 characters and never reused. Read the full standard first.",
            parsed.Blocks.Select(b => b.Text));
        Assert.DoesNotContain("https://", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", parsed.Text, StringComparison.Ordinal);
        Assert.Contains("error dialog screenshot", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ListItemsQuotesCodeAndTables_BecomeParagraphs()
    {
        var parsed = await ReadSampleAsync();
        var paragraphs = parsed.Blocks.Where(b => b.Kind == BlockKind.Paragraph).Select(b => b.Text).ToList();

        Assert.Contains("Call the security desk on extension 4400.", paragraphs);
        Assert.Contains("Send an email to security@example.com with details.", paragraphs);
        Assert.Contains("Report first, investigate later.", paragraphs);
        Assert.Contains("sudo fdecrypt --status\nlsblk -f", paragraphs);
        Assert.Contains("Device | Encryption", paragraphs);
        Assert.Contains("Laptop | BitLocker", paragraphs);
    }

    [Fact]
    public async Task ReadAsync_RawHtmlBlock_IsSkipped()
    {
        var parsed = await ReadSampleAsync();

        Assert.DoesNotContain("raw html block", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NoH1_TitleIsNull()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "## Only a second-level heading\n\nBody.", "notes.md");

        Assert.Null(parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_ReturnsNoBlocks()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, string.Empty, "empty.md");

        Assert.Empty(parsed.Blocks);
    }

    private Task<ParsedDocument> ReadSampleAsync() => ReaderAssertions.ReadTextAsync(_reader, Sample, "security-policy.md");

    [Fact]
    public async Task ReadAsync_H1IsAFileName_TitleIsNull()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "# README.md\n\nBody.", "readme.md");

        Assert.Null(parsed.Title);
    }

    [Fact]
    public async Task ReadAsync_CodeBlock_KeepsLinesAndHyphens()
    {
        var parsed = await ReaderAssertions.ReadTextAsync(_reader, "Text.\n\n```\nrun --dry-\nrun\n```\n", "code.md");

        Assert.Equal("run --dry-\nrun", parsed.Blocks[1].Text);
    }
}
