using Microsoft.Extensions.Logging.Abstractions;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Testing;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Storage.Tests;

/// <summary>Rag:Storage:KeywordTitleWeight / KeywordHeadingsWeight reach FTS5's bm25() column weights.</summary>
public sealed class SqliteKeywordIndexWeightsTests
{
    [Theory]
    [InlineData(0.0, "notes.txt")]
    [InlineData(10.0, "pelicans.txt")]
    public async Task Search_TitleWeight_DecidesWhetherATitleMatchOutranksATextMatch(double titleWeight, string expectedFirst)
    {
        using var temp = new TempDirectory();
        await using var store = await SqliteDocumentIndex.OpenAsync(
            new StorageOptions { DataDirectory = temp.Path, KeywordAnalyzer = KeywordAnalyzer.English, KeywordTitleWeight = titleWeight }, NullLogger.Instance);
        var titled = Document("set-a", "pelicans.txt", title: "Pelican");
        var mentioned = Document("set-a", "notes.txt", title: "Notes");
        var titledChunks = Texts(titled, "Birds of the coast fly south in winter, far from the cold northern lakes.");
        var mentionedChunks = Texts(mentioned, "A pelican was seen on the lake near the old boat house last week.");
        await store.Keywords.ReplaceDocumentAsync(titled, "set-a", titledChunks);
        await store.Keywords.ReplaceDocumentAsync(mentioned, "set-a", mentionedChunks);

        var hits = await store.Keywords.SearchAsync("pelican", ["set-a"], 10);

        Assert.Equal(2, hits.Count);
        Assert.Equal(expectedFirst == "notes.txt" ? mentionedChunks[0].Id : titledChunks[0].Id, hits[0].ChunkId);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(10.0, 1)]
    public async Task Search_HeadingsWeight_DecidesWhetherAHeadingMatchOutranksATextMatch(double headingsWeight, int expectedFirst)
    {
        using var temp = new TempDirectory();
        await using var store = await SqliteDocumentIndex.OpenAsync(
            new StorageOptions { DataDirectory = temp.Path, KeywordAnalyzer = KeywordAnalyzer.English, KeywordHeadingsWeight = headingsWeight }, NullLogger.Instance);
        var document = Document("set-a", "guide.txt", title: "Guide");
        var chunks = Chunks(document,
            ("A pelican was seen on the lake near the old boat house last week.", Axis(0)),
            ("Birds of the coast fly south in winter, far from the cold northern lakes.", Axis(1))).Select(c => c.Chunk).ToList();
        chunks[1] = chunks[1] with { HeadingPath = ["Pelican"] };
        chunks[0] = chunks[0] with { HeadingPath = ["Sightings"] };
        await store.Keywords.ReplaceDocumentAsync(document, "set-a", chunks);

        var hits = await store.Keywords.SearchAsync("pelican", ["set-a"], 10);

        Assert.Equal(2, hits.Count);
        Assert.Equal(chunks[expectedFirst].Id, hits[0].ChunkId);
    }

    private static List<Chunk> Texts(SourceDocument document, string text) =>
        Chunks(document, (text, Axis(0))).Select(c => c.Chunk).ToList();
}
