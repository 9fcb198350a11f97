using Rag.Core.Documents;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>Dense and keyword search: ranking, scores, hydration, hostile input.</summary>
public abstract partial class DocumentIndexContractTests
{
    [Fact]
    public async Task SearchDense_IdenticalVector_RanksItFirstWithCosineOne()
    {
        var index = await NewReadyIndexAsync();
        var chunks = await AddAsync(
            index,
            Document("set-a", "vectors.txt"),
            ("Far away.", Axis(0)),
            ("The target.", Mix(1, 0.8f, 2, 0.6f)),
            ("Close to the target.", Mix(1, 0.6f, 2, 0.8f)));

        // Scaled: the index must compare directions (cosine), not raw dot products.
        var hits = await index.SearchDenseAsync(Mix(1, 2.4f, 2, 1.8f), User("group-a"), 3);

        Assert.Equal(3, hits.Count);
        Assert.Equal(chunks[1].Chunk.Id, hits[0].Chunk.Id);
        Assert.Equal(1.0, hits[0].Score, 4);
        Assert.Equal(chunks[2].Chunk.Id, hits[1].Chunk.Id);
        Assert.Equal(0.96, hits[1].Score, 4);
        Assert.Equal(0.0, hits[2].Score, 4);
    }

    [Fact]
    public async Task SearchDense_Limit_ReturnsAtMostLimitBestFirst()
    {
        var index = await NewReadyIndexAsync();
        var random = new Random(7);
        await AddAsync(index, Document("set-a", "many.txt"), [.. Enumerable.Range(0, 30).Select(i => ($"Chunk {i}.", Near(Axis(i % Dimensions), 0.3f, random)))]);

        var hits = await index.SearchDenseAsync(Axis(3), User("group-a"), 5);

        Assert.Equal(5, hits.Count);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Chunk.Id), hits.Select(h => h.Chunk.Id));
    }

    [Fact]
    public async Task SearchDense_WrongQueryLength_Throws()
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-a", "one.txt"), ("One.", Axis(0)));

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => index.SearchDenseAsync(new float[Dimensions - 1], User("group-a"), 5));
    }

    [Fact]
    public async Task SearchKeyword_RareWord_FindsItAndRanksItFirst()
    {
        var index = await NewReadyIndexAsync();
        var chunks = await AddAsync(
            index,
            Document("set-a", "reports.txt"),
            ("The quarterly report covers the budget of the department.", Axis(0)),
            ("The annual report covers the staff of the department.", Axis(1)),
            ("The report on the xylophone purchase covers the budget.", Axis(2)),
            ("The department report lists the budget and the report schedule.", Axis(3)));

        var hits = await index.SearchKeywordAsync("report budget xylophone", User("group-a"), 10);

        Assert.Equal(chunks[2].Chunk.Id, hits[0].Chunk.Id);
        Assert.All(hits, h => Assert.True(h.Score > 0, "keyword scores are higher-is-better and positive"));
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Chunk.Id), hits.Select(h => h.Chunk.Id));
        Assert.Equal(chunks[2].Chunk.Id, Assert.Single(await index.SearchKeywordAsync("XYLOPHONE", User("group-a"), 10)).Chunk.Id);
    }

    [Fact]
    public async Task SearchKeyword_AccentsDiffer_StillMatches()
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-a", "cafe.txt"), ("Meeting at the café in Zürich.", Axis(0)));

        Assert.Single(await index.SearchKeywordAsync("cafe zurich", User("group-a"), 10));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("AND (")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(a b, 2)")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!.,;:()[]{}")]
    [InlineData("\"unbalanced")]
    [InlineData("a OR")]
    [InlineData("NOT")]
    [InlineData("text:secret")]
    [InlineData("{text title}: x")]
    [InlineData("^start -minus +plus")]
    [InlineData("'; DROP TABLE chunks; --")]
    [InlineData("\0\u0001\u001f")]
    [InlineData("💥🔥")]
    public async Task SearchKeyword_HostileQuery_ReturnsWithoutThrowing(string query)
    {
        var index = await NewReadyIndexAsync();
        await AddAsync(index, Document("set-a", "plain.txt"), ("A plain chunk about secret text and a start.", Axis(0)));

        var hits = await index.SearchKeywordAsync(query, User("group-a"), 10);

        Assert.NotNull(hits);
        Assert.Equal(1, (await index.GetStatisticsAsync()).Chunks);
    }

    [Theory]
    [InlineData("\"zebrafish")]
    [InlineData("zebrafish\"")]
    [InlineData("(zebrafish)")]
    [InlineData("zebrafish*")]
    [InlineData("-zebrafish")]
    [InlineData("^zebrafish")]
    [InlineData("zebrafish AND (")]
    [InlineData("NOT zebrafish")]
    public async Task SearchKeyword_SyntaxAroundWord_StillFindsWord(string query)
    {
        var index = await NewReadyIndexAsync();
        var chunks = await AddAsync(index, Document("set-a", "fish.txt"), ("Notes on zebrafish husbandry.", Axis(0)), ("Notes on goldfish.", Axis(1)));

        var hits = await index.SearchKeywordAsync(query, User("group-a"), 10);

        Assert.Equal(chunks[0].Chunk.Id, hits[0].Chunk.Id);
    }

    [Fact]
    public async Task Search_Hit_CarriesTheWholeChunkDocumentTitleVersionAndPath()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "manual.pdf", title: "Operator manual");
        var chunk = new Chunk(Rag.Core.Ids.ChunkIds.For(document.DocumentId, document.ContentHash, 4), document.DocumentId, "set-a", 4,
            "Calibrate the spectrometer weekly.", ["Maintenance", "Calibration"], 3, 4, 1200, 1234);
        await index.ReplaceDocumentAsync(document, [new EmbeddedChunk(chunk, Axis(6))]);

        var dense = Assert.Single(await index.SearchDenseAsync(Axis(6), User("group-a"), 5));
        var keyword = Assert.Single(await index.SearchKeywordAsync("spectrometer", User("group-a"), 5));

        foreach (var hit in new[] { dense, keyword })
        {
            Assert.Equal("Operator manual", hit.DocumentTitle);
            Assert.Equal(chunk with { HeadingPath = hit.Chunk.HeadingPath, DocumentVersion = document.ContentHash, SourcePath = document.SourcePath }, hit.Chunk);
            Assert.Equal(chunk.HeadingPath, hit.Chunk.HeadingPath);
            Assert.Equal(document.ContentHash, hit.Chunk.DocumentVersion);
            Assert.Equal("manual.pdf", hit.Chunk.SourcePath);
        }
    }

    [Fact]
    public async Task SearchKeyword_HeadingOrTitleWord_Matches()
    {
        var index = await NewReadyIndexAsync();
        var document = Document("set-a", "guide.txt", title: "Onboarding guide");
        await AddAsync(index, document, ("Bring your badge.", Axis(0)));

        Assert.Single(await index.SearchKeywordAsync("onboarding", User("group-a"), 5));
        Assert.Single(await index.SearchKeywordAsync("section", User("group-a"), 5));
    }
}
