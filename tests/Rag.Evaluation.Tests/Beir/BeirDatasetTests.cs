using Rag.Evaluation.Beir;
using Rag.Testing;

namespace Rag.Evaluation.Tests.Beir;

public sealed class BeirDatasetTests
{
    [Fact]
    public async Task Load_KeepsOnlyJudgedQueries_AndReadsGrades()
    {
        using var dir = new TempDirectory();
        Write(dir, """{"_id": "d1", "title": "T1", "text": "one"}""" + "\n" + """{"_id": 2, "text": "two"}""", """{"_id": "q1", "text": "first"}""" + "\n" + """{"_id": "q2", "text": "unjudged"}""", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\t2\t0\n");

        var data = await BeirDataset.LoadAsync(dir.Path);

        Assert.Equal(["d1", "2"], data.Corpus.Select(d => d.Id));
        Assert.Equal(string.Empty, data.Corpus[1].Title);
        Assert.Equal(["q1"], data.Queries.Keys);
        Assert.Equal(2, data.Qrels.For("q1")["d1"]);
        Assert.Equal(0, data.Qrels.For("q1")["2"]);
    }

    [Fact]
    public async Task Half_AAndB_SplitQueriesByPositionInOrdinalIdOrder()
    {
        using var dir = new TempDirectory();
        string[] ids = ["q1", "q10", "q2", "q3", "q4"];
        var queries = string.Join('\n', ids.Select(q => $$"""{"_id": "{{q}}", "text": "t {{q}}"}"""));
        var qrels = "query-id\tcorpus-id\tscore\n" + string.Concat(ids.Select(q => $"{q}\td1\t1\n"));
        Write(dir, """{"_id": "d1", "text": "one"}""", queries, qrels);
        var data = await BeirDataset.LoadAsync(dir.Path);

        var a = data.Half('a');
        var b = data.Half('B');

        // Ordinal order: q1, q10, q2, q3, q4.
        Assert.Equal(["q1", "q2", "q4"], a.Queries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["q10", "q3"], b.Queries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["q1", "q2", "q4"], a.Qrels.QueryIds.Order(StringComparer.Ordinal));
        Assert.Same(data.Corpus, a.Corpus);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Half('c'));
    }

    [Fact]
    public async Task Load_MalformedCorpusLine_NamesFileAndLine()
    {
        using var dir = new TempDirectory();
        Write(dir, """{"_id": "d1", "text": "one"}""" + "\n" + "{not json", """{"_id": "q1", "text": "q"}""", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");

        var error = await Assert.ThrowsAsync<BeirFormatException>(() => BeirDataset.LoadAsync(dir.Path));

        Assert.Contains("corpus.jsonl:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadQrelsLine_NamesLine()
    {
        using var dir = new TempDirectory();
        Write(dir, """{"_id": "d1", "text": "one"}""", """{"_id": "q1", "text": "q"}""", "query-id\tcorpus-id\tscore\nq1\td1\tvery\n");

        var error = await Assert.ThrowsAsync<BeirFormatException>(() => BeirDataset.LoadAsync(dir.Path));

        Assert.Contains("test.tsv:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_JudgedQueryMissingFromQueries_IsAnError()
    {
        using var dir = new TempDirectory();
        Write(dir, """{"_id": "d1", "text": "one"}""", """{"_id": "q1", "text": "q"}""", "query-id\tcorpus-id\tscore\nq9\td1\t1\n");

        var error = await Assert.ThrowsAsync<BeirFormatException>(() => BeirDataset.LoadAsync(dir.Path));

        Assert.Contains("'q9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingFile_SaysWhatIsExpected()
    {
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<BeirFormatException>(() => BeirDataset.LoadAsync(dir.Path));

        Assert.Contains("corpus.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_DuplicateDocumentId_IsAnError()
    {
        using var dir = new TempDirectory();
        Write(dir, """{"_id": "d1", "text": "one"}""" + "\n" + """{"_id": "d1", "text": "again"}""", """{"_id": "q1", "text": "q"}""", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");

        var error = await Assert.ThrowsAsync<BeirFormatException>(() => BeirDataset.LoadAsync(dir.Path));

        Assert.Contains("duplicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_RealSciFact_HasThePublishedShape()
    {
        var data = await BeirDataset.LoadAsync(Path.Combine(RepoPaths.Root, "..", "shared", "data", "scifact"));

        Assert.Equal(5183, data.Corpus.Count);
        Assert.Equal(300, data.Queries.Count);
        Assert.Equal(339, data.Qrels.QueryIds.Sum(q => data.Qrels.For(q).Count));
    }

    private static void Write(TempDirectory dir, string corpus, string queries, string qrels)
    {
        File.WriteAllText(dir.Combine("corpus.jsonl"), corpus + "\n");
        File.WriteAllText(dir.Combine("queries.jsonl"), queries + "\n");
        Directory.CreateDirectory(dir.Combine("qrels"));
        File.WriteAllText(dir.Combine("qrels", "test.tsv"), qrels);
    }
}
