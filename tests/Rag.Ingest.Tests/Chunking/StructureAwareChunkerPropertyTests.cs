using System.Globalization;
using System.Text;
using Rag.Core.Documents;
using Rag.Core.Embeddings;

namespace Rag.Ingest.Tests.Chunking;

/// <summary>Random documents (seeded, so failures reproduce) must always satisfy <see cref="ChunkInvariants"/>.</summary>
public sealed class StructureAwareChunkerPropertyTests
{
    private static readonly string[] Fillers = ["e.g.", "i.e.", "Dr.", "Mr.", "3.5", "etc.", "wait...", "(see", "fig.", "U.S.", "“quoted.”", "x"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Chunk_RandomDocuments_EveryInvariantHolds(int seed)
    {
        var random = new Random(seed);
        var document = RandomDocument(random);
        IEmbeddingTokenizer tokenizer = seed % 2 == 0 ? new WhitespaceTokenizerFake(random.Next(8, 200)) : new SubwordTokenizerFake(random.Next(8, 200));
        var maxTokens = random.Next(3) == 0 ? 0 : random.Next(3, 256);
        var limit = maxTokens == 0 ? tokenizer.MaxTokens : Math.Min(maxTokens, tokenizer.MaxTokens);
        var overlap = random.Next(0, Math.Max(1, ((maxTokens == 0 ? tokenizer.MaxTokens : maxTokens) - 1) / 2));
        var minChunk = random.Next(0, Math.Min(limit, 40));
        var chunker = StructureAwareChunkerTests.Chunker(tokenizer, maxTokens, overlap, minChunk);

        var chunks = chunker.Chunk(document, "doc", "set", "hash");

        Assert.NotEmpty(chunks);
        ChunkInvariants.AssertHold(document, chunks, tokenizer, limit, chunker.OverlapTokens);
        Assert.Equal(chunks, chunker.Chunk(document, "doc", "set", "hash"), ChunkComparer.Instance);
    }

    private static ParsedDocument RandomDocument(Random random)
    {
        var builder = new TestDocumentBuilder();
        var page = 1;
        var blocks = random.Next(1, 60);
        for (var b = 0; b < blocks; b++)
        {
            page += random.Next(4) == 0 ? 1 : 0;
            if (random.Next(6) == 0)
            {
                builder.Heading(random.Next(1, 5), $"Heading {b}", page);
                continue;
            }

            builder.Paragraph(RandomParagraph(random), page);
        }

        return builder.Paragraph(RandomParagraph(random), page).Build();
    }

    private static string RandomParagraph(Random random)
    {
        var text = new StringBuilder();
        var sentences = random.Next(10) == 0 ? random.Next(20, 80) : random.Next(1, 8);
        for (var s = 0; s < sentences; s++)
        {
            var words = random.Next(20) == 0 ? random.Next(200, 800) : random.Next(1, 30); // sometimes one enormous sentence
            for (var w = 0; w < words; w++)
            {
                text.Append(w == 0 ? "" : " ").Append(RandomWord(random));
            }

            text.Append(random.Next(8) switch { 0 => "?", 1 => "!", 2 => "\n", 3 => "...", _ => "." }).Append(' ');
        }

        return text.ToString().Trim();
    }

    private static string RandomWord(Random random)
    {
        var kind = random.Next(100);
        if (kind < 8)
        {
            return Fillers[random.Next(Fillers.Length)];
        }

        var length = kind == 9 ? 10_000 : kind < 10 ? random.Next(300, 3000) : random.Next(1, 12); // sometimes one enormous word
        var word = new char[length];
        for (var i = 0; i < length; i++)
        {
            word[i] = (char)('a' + random.Next(26));
        }

        if (kind == 10)
        {
            word[0] = char.ToUpper(word[0], CultureInfo.InvariantCulture);
        }

        return new string(word);
    }

    private sealed class ChunkComparer : IEqualityComparer<Chunk>
    {
        public static readonly ChunkComparer Instance = new();

        public bool Equals(Chunk? x, Chunk? y) =>
            x is not null && y is not null && x with { HeadingPath = y.HeadingPath } == y && x.HeadingPath.SequenceEqual(y.HeadingPath);

        public int GetHashCode(Chunk obj) => obj.Id.GetHashCode();
    }
}
