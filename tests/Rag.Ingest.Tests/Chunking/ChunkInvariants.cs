using Rag.Core.Documents;
using Rag.Core.Embeddings;
using Rag.Core.Ids;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>What every chunking of every document must satisfy.</summary>
internal static class ChunkInvariants
{
    private const int Separator = -1;
    private const int HeadingText = -2;

    public static void AssertHold(
        ParsedDocument document, IReadOnlyList<Chunk> chunks, IEmbeddingTokenizer tokenizer, int limit, int overlapBudget,
        string documentId = "doc", string contentHash = "hash")
    {
        var text = document.Text;
        var sections = SectionOfEachCharacter(document, text.Length, out var paths);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.Index);
            Assert.Equal(ChunkIds.For(documentId, contentHash, i), chunk.Id);
            Assert.Equal(text.Substring(chunk.StartOffset, chunk.EndOffset - chunk.StartOffset), chunk.Text);
            Assert.InRange(tokenizer.CountTokens(chunk.Text), 1, limit);

            var section = sections[chunk.StartOffset];
            for (var c = chunk.StartOffset; c < chunk.EndOffset; c++)
            {
                Assert.True(sections[c] == section || sections[c] == Separator, $"chunk {i} spans two sections or holds a heading");
            }

            Assert.Equal(paths[section], chunk.HeadingPath);
            if (i == 0)
            {
                continue;
            }

            var previous = chunks[i - 1];
            Assert.True(chunk.StartOffset > previous.StartOffset && chunk.EndOffset > previous.EndOffset, $"chunk {i} does not move forward");
            if (sections[previous.StartOffset] != section)
            {
                Assert.True(chunk.StartOffset >= previous.EndOffset, $"chunk {i} overlaps another section");
            }
            else if (chunk.StartOffset < previous.EndOffset)
            {
                var shared = text[chunk.StartOffset..previous.EndOffset];
                Assert.InRange(tokenizer.CountTokens(shared), 0, overlapBudget);
            }
        }

        AssertAllBodyTextCovered(document, chunks);
    }

    private static void AssertAllBodyTextCovered(ParsedDocument document, IReadOnlyList<Chunk> chunks)
    {
        var covered = new bool[document.Text.Length];
        foreach (var chunk in chunks)
        {
            Array.Fill(covered, true, chunk.StartOffset, chunk.EndOffset - chunk.StartOffset);
        }

        foreach (var block in document.Blocks.Where(b => b.Kind == BlockKind.Paragraph))
        {
            for (var c = 0; c < block.Text.Length; c++)
            {
                Assert.True(char.IsWhiteSpace(block.Text[c]) || covered[block.Offset + c], $"character {block.Offset + c} is in no chunk");
            }
        }
    }

    // Section number of each character of the text (or Separator, or HeadingText) and each section's path.
    private static int[] SectionOfEachCharacter(ParsedDocument document, int length, out List<string[]> paths)
    {
        var sections = new int[length];
        Array.Fill(sections, Separator);
        paths = [[]];
        var stack = new List<(int Level, string Text)>();
        foreach (var block in document.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                stack.RemoveAll(h => h.Level >= block.HeadingLevel);
                stack.Add((block.HeadingLevel, block.Text));
                paths.Add(stack.Select(h => h.Text).ToArray());
                Array.Fill(sections, HeadingText, block.Offset, block.Text.Length);
                continue;
            }

            Array.Fill(sections, paths.Count - 1, block.Offset, block.Text.Length);
        }

        return sections;
    }
}
