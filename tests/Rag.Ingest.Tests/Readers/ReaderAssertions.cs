using System.Text;
using Rag.Core.Documents;
using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

internal static class ReaderAssertions
{
    /// <summary>Every block's offset points at its own text in <see cref="ParsedDocument.Text"/>, in order, without blank lines inside.</summary>
    public static void OffsetsAreConsistent(ParsedDocument parsed)
    {
        var text = parsed.Text;
        var previousEnd = -2;
        foreach (var block in parsed.Blocks)
        {
            Assert.False(string.IsNullOrWhiteSpace(block.Text));
            Assert.Equal(block.Text, text.Substring(block.Offset, block.Text.Length));
            Assert.Equal(previousEnd + 2, block.Offset);
            Assert.DoesNotContain("\n\n", block.Text, StringComparison.Ordinal);
            previousEnd = block.Offset + block.Text.Length;
        }
    }

    public static Task<ParsedDocument> ReadTextAsync(IDocumentReader reader, string content, string fileName) =>
        ReadBytesAsync(reader, Encoding.UTF8.GetBytes(content), fileName);

    public static async Task<ParsedDocument> ReadBytesAsync(IDocumentReader reader, byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content, writable: false);
        var parsed = await reader.ReadAsync(stream, fileName);
        OffsetsAreConsistent(parsed);
        return parsed;
    }

    public static IReadOnlyList<DocumentBlock> Headings(ParsedDocument parsed) =>
        parsed.Blocks.Where(b => b.Kind == BlockKind.Heading).ToList();
}
