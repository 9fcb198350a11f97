using Rag.Core.Documents;
using Rag.Core.Storage;
using Xunit;
using static Rag.Testing.Contracts.IndexTestData;

namespace Rag.Testing.Contracts;

/// <summary>
/// Group and set names by the NameKey rule, through the store's own access filter and catalogue. Each test shows the
/// right name DOES read (or find) the data, so a filter that matched nothing would fail too.
/// </summary>
public abstract partial class DocumentIndexContractTests
{
    private const string TrapMarker = "The trap marker sentence mentions quartzlynx.";

    /// <summary>(group that reads the set, a look-alike that earlier upper-invariant keys or Unicode folding merged with it).</summary>
    public static TheoryData<string, string> GroupLookalikes => new()
    {
        { "sales", "\u017Fales" },                      // ſ long s: ToUpperInvariant gives SALES
        { "\u017Fales", "sales" },
        { "it", "\u0131t" },                            // ı dotless i: ToUpperInvariant gives IT
        { "\u0131t", "IT" },
        { "it", "\u0130t" },                            // İ Turkish capital I with dot
        { "sales", "\uFF53\uFF41\uFF4C\uFF45\uFF53" },  // fullwidth
        { "finance", "\uFB01nance" },                   // ﬁ ligature
        { "\u00C4rzte", "\u00E4rzte" },                 // non-ASCII case
    };

    [Theory]
    [MemberData(nameof(GroupLookalikes))]
    public async Task Search_GroupLookalikeOfTheReadingGroup_ReadsNothing(string readingGroup, string lookalike)
    {
        var index = await NewReadyIndexAsync();
        await index.UpsertDocumentSetAsync(new DocumentSet("trap", [readingGroup]));
        await AddAsync(index, Document("trap", "trap.txt"), (TrapMarker, Axis(6)));

        Assert.Empty(await index.SearchDenseAsync(Axis(6), User(lookalike), 10));
        Assert.Empty(await index.SearchKeywordAsync("quartzlynx", User(lookalike), 10));
        Assert.Equal(TrapMarker, Assert.Single(await index.SearchKeywordAsync("quartzlynx", User(readingGroup), 10)).Chunk.Text);
        Assert.Equal(TrapMarker, (await index.SearchDenseAsync(Axis(6), User(readingGroup), 10))[0].Chunk.Text);
    }

    [Fact]
    public async Task Search_GroupInAsciiCaseOrOtherNormalisationForm_Reads()
    {
        var index = await NewReadyIndexAsync();
        await index.UpsertDocumentSetAsync(new DocumentSet("trap", ["Sales", "HR-A\u0308rzte"]));
        await AddAsync(index, Document("trap", "trap.txt"), (TrapMarker, Axis(6)));

        Assert.Single(await index.SearchKeywordAsync("quartzlynx", User("SALES"), 10));
        Assert.Single(await index.SearchKeywordAsync("quartzlynx", User("hr-\u00C4rzte"), 10));
        Assert.Single(await index.SearchDenseAsync(Axis(6), User("sales"), 10));
    }

    [Theory]
    [InlineData("sales\u200B")]   // zero-width space
    [InlineData("sa\u0007les")]   // control character
    [InlineData("\u212Aiosk")]    // KELVIN SIGN, which NFC would turn into K
    public async Task UpsertDocumentSet_BrokenGroupName_ThrowsAndChangesNothing(string group)
    {
        var index = await NewReadyIndexAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertDocumentSetAsync(new DocumentSet("set-a", ["group-c", group])));

        Assert.Contains("group name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["group-a"], (await index.GetDocumentSetAsync("set-a"))?.Groups);
    }

    [Fact]
    public async Task UpsertDocumentSet_DecomposedName_IsTheComposedSet()
    {
        var index = await NewIndexAsync();

        await index.UpsertDocumentSetAsync(new DocumentSet("A\u0308rzte", ["doctors"]));
        await index.UpsertDocumentSetAsync(new DocumentSet("\u00C4RZTE", ["nurses"]));

        Assert.Equal("\u00C4rzte", (await index.GetDocumentSetAsync("A\u0308rzte"))?.Name);
        Assert.Equal(["nurses"], (await index.GetDocumentSetAsync("\u00C4rzte"))?.Groups);
        Assert.Equal(1, (await index.GetStatisticsAsync()).DocumentSets);
    }

    [Fact]
    public async Task ReplaceDocument_SetsDifferingOnlyByNonAsciiCase_KeepsBothDocuments()
    {
        var index = await NewIndexAsync();
        await index.EnsureModelAsync(Model);
        await index.UpsertDocumentSetAsync(new DocumentSet("\u00C4rzte", ["doctors"]));
        await index.UpsertDocumentSetAsync(new DocumentSet("\u00E4rzte", ["nurses"]));
        var upper = Document("\u00C4rzte", "sub/readme.md");
        var lower = Document("\u00E4rzte", "sub/readme.md");

        await AddAsync(index, upper, ("Doctors read the amberlynx rota.", Axis(0)));
        await AddAsync(index, lower, ("Nurses read the cobaltlynx rota.", Axis(1)));

        Assert.NotEqual(upper.DocumentId, lower.DocumentId);
        Assert.Equal(new IndexStatistics(2, 2, 2), await index.GetStatisticsAsync());
        Assert.Equal("\u00C4rzte", (await index.GetDocumentAsync(upper.DocumentId))?.SetName);
        Assert.Single(await index.SearchKeywordAsync("amberlynx", User("doctors"), 10));
        Assert.Single(await index.SearchKeywordAsync("cobaltlynx", User("nurses"), 10));
        Assert.Empty(await index.SearchKeywordAsync("amberlynx", User("nurses"), 10));
    }

    [Fact]
    public async Task ReplaceDocument_IdHeldByADocumentOfAnotherSet_ThrowsNamingBothAndKeepsIt()
    {
        var index = await NewReadyIndexAsync();
        var held = Document("set-a", "sub/readme.md");
        await AddAsync(index, held, ("The held document about ospreys.", Axis(0)));
        var intruder = held with { SetName = "set-b", SourcePath = "other/readme.md" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => index.ReplaceDocumentAsync(intruder, Chunks(intruder, ("An intruder about kestrels.", Axis(1)))));

        Assert.Contains("sub/readme.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("other/readme.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("set-b", error.Message, StringComparison.Ordinal);
        Assert.Equal(held, await index.GetDocumentAsync(held.DocumentId));
        Assert.Single(await index.SearchKeywordAsync("ospreys", User("group-a"), 10));
        Assert.Empty(await index.SearchKeywordAsync("kestrels", User("group-b"), 10));
    }
}
