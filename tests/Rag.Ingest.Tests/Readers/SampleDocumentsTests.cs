using Rag.Core.Documents;
using Rag.Ingest.Readers;
using Rag.Testing;

namespace Rag.Ingest.Tests.Readers;

/// <summary>The demo documents under samples/ must stay readable, and their invisible HTML must stay out of the text.</summary>
public sealed class SampleDocumentsTests
{
    private static readonly DocumentReaderRegistry Registry = DocumentReaderRegistry.CreateDefault();

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(SamplesRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // samples/eval holds question sets for `rag eval qa`, not documents.
            var relative = Path.GetRelativePath(SamplesRoot, path).Replace('\\', '/');
            if (!path.EndsWith("README.md", StringComparison.Ordinal) && !relative.StartsWith("eval/", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(SamplesRoot, path));
            }
        }

        return data;
    }

    private static string SamplesRoot => Path.Combine(RepoPaths.Root, "samples");

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task ReadAsync_SampleDocument_HasTextAndConsistentOffsets(string relativePath)
    {
        var parsed = await ReadAsync(relativePath);

        Assert.NotEmpty(parsed.Blocks);
        ReaderAssertions.OffsetsAreConsistent(parsed);
    }

    [Fact]
    public async Task ReadAsync_HandbookPdf_HasOneHeadingPerPage()
    {
        var parsed = await ReadAsync(Path.Combine("handbook", "employee-handbook.pdf"));

        Assert.Equal("Northwind Labs Employee Handbook", parsed.Title);
        Assert.Equal(4, parsed.PageCount);
        Assert.Equal(
            [("Welcome to Northwind Labs", 1), ("Leave Policy", 2), ("Remote Work", 3), ("Expense Claims", 4)],
            ReaderAssertions.Headings(parsed).Select(h => (h.Text, h.Page)));
    }

    [Fact]
    public async Task ReadAsync_ItFaq_ExcludesScriptStyleAndHiddenContent()
    {
        var parsed = await ReadAsync(Path.Combine("handbook", "it-faq.html"));

        Assert.DoesNotContain("tracking-script-marker", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal-style-marker", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("old proxy server", parsed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("helpdesk.northwind-labs.example", parsed.Text, StringComparison.Ordinal);
        Assert.Contains("Northwind Connect", parsed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FinanceMemo_ContainsTheUniqueSentence()
    {
        var parsed = await ReadAsync(Path.Combine("finance", "q3-budget-memo.md"));

        Assert.Contains(parsed.Blocks, b => b.Kind == BlockKind.Paragraph && b.Text.Contains("The Q3 travel budget is capped at 42,000 euros.", StringComparison.Ordinal));
    }

    private static async Task<ParsedDocument> ReadAsync(string relativePath)
    {
        var path = Path.Combine(SamplesRoot, relativePath);
        Assert.True(Registry.TryGetReader(path, out var reader), $"no reader for {relativePath}");
        return await new IsolatedDocumentReader().ReadAsync(reader, path);
    }
}
