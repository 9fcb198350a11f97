using Rag.Evaluation.Beir;
using Rag.Testing;

namespace Rag.Evaluation.Tests.Beir;

public sealed class BeirReferencesTests
{
    private static readonly string SciFact = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "scifact"));

    private static readonly Dictionary<string, double> None = new(StringComparer.Ordinal);

    [Fact]
    public async Task For_OtherDatasetInAFolderNamedSciFact_HasNoReferences()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("scifact");
        Write(folder, """{"_id": "4983", "title": "T", "text": "one"}""", "query-id\tcorpus-id\tscore\nq1\t4983\t1\n");
        var data = await BeirDataset.LoadAsync(folder);

        Assert.False(BeirReferences.IsSciFact(data));
        Assert.Empty(BeirReferences.For(data, "test", wholeSplit: true, None));
    }

    [Fact]
    public async Task For_OtherDatasetWithGivenReferences_HasOnlyThose()
    {
        using var dir = new TempDirectory();
        Write(dir.Path, """{"_id": "d1", "title": "T", "text": "one"}""", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
        var data = await BeirDataset.LoadAsync(dir.Path);

        var references = BeirReferences.For(data, "test", wholeSplit: true, new Dictionary<string, double> { ["bm25"] = 0.5 });

        Assert.Equal(0.5, Assert.Single(references, r => r.Key == "bm25").Value);
        Assert.Single(references);
    }

    [Fact]
    public async Task For_SciFactTestSplit_HasSciFactsReferencesWhateverTheFolderName()
    {
        using var dir = new TempDirectory();
        var renamed = dir.Combine("renamed");
        Directory.CreateDirectory(Path.Combine(renamed, "qrels"));
        File.Copy(Path.Combine(SciFact, "corpus.jsonl"), Path.Combine(renamed, "corpus.jsonl"));
        File.Copy(Path.Combine(SciFact, "queries.jsonl"), Path.Combine(renamed, "queries.jsonl"));
        File.Copy(Path.Combine(SciFact, "qrels", "test.tsv"), Path.Combine(renamed, "qrels", "test.tsv"));
        var data = await BeirDataset.LoadAsync(renamed);

        Assert.True(BeirReferences.IsSciFact(data));
        Assert.Equal(0.665, BeirReferences.For(data, "test", wholeSplit: true, None)["bm25 (BEIR, Elasticsearch)"]);
        // Published figures are for all 300 test queries: not for a half, and not for another split.
        Assert.Empty(BeirReferences.For(data.Half('a'), "test", wholeSplit: false, None));
        Assert.Empty(BeirReferences.For(data, "train", wholeSplit: true, None));
        // Given figures win on a name clash.
        Assert.Equal(0.7, BeirReferences.For(data, "test", wholeSplit: true, new Dictionary<string, double> { ["bm25 (BEIR, Elasticsearch)"] = 0.7 })["bm25 (BEIR, Elasticsearch)"]);
    }

    [Theory]
    [InlineData("bm25=0.665", "bm25", 0.665)]
    [InlineData("BM25 (Anserini)=0.679", "BM25 (Anserini)", 0.679)]
    public void Parse_NameEqualsValue_ReadsBoth(string text, string name, double value)
    {
        var parsed = BeirReferences.Parse(text);

        Assert.Equal(name, parsed.Key);
        Assert.Equal(value, parsed.Value);
    }

    [Theory]
    [InlineData("bm25")]
    [InlineData("=0.5")]
    [InlineData("bm25=")]
    [InlineData("bm25=high")]
    [InlineData("bm25=66.5")]
    [InlineData("bm25=0,665")]
    public void Parse_Malformed_ThrowsSayingTheForm(string text)
    {
        var error = Assert.Throws<FormatException>(() => BeirReferences.Parse(text));

        Assert.Contains("name=value", error.Message, StringComparison.Ordinal);
    }

    private static void Write(string folder, string corpus, string qrels)
    {
        Directory.CreateDirectory(Path.Combine(folder, "qrels"));
        File.WriteAllText(Path.Combine(folder, "corpus.jsonl"), corpus + "\n");
        File.WriteAllText(Path.Combine(folder, "queries.jsonl"), """{"_id": "q1", "text": "q"}""" + "\n");
        File.WriteAllText(Path.Combine(folder, "qrels", "test.tsv"), qrels);
    }
}
