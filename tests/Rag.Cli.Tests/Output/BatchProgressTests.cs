using Rag.Cli.Output;
using Rag.Core.Ingestion;

namespace Rag.Cli.Tests.Output;

public sealed class BatchProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Describe_FileBeingParsed_NamesItEscapedWithItsPagesChunkRateAndEta()
    {
        IReadOnlyList<IngestJob> jobs =
        [
            Job(1, "done.md", IngestJobState.Indexed, new IngestJobProgress(0, 0, 40, 40), Start.AddSeconds(5)),
            Job(2, "big\u001b[31m.pdf", IngestJobState.Parsing, new IngestJobProgress(100, 400, 0, 0), Start.AddSeconds(9)),
            Job(3, "later.txt", IngestJobState.Queued, IngestJobProgress.None, Start),
        ];

        var progress = BatchProgress.From(jobs, filesNotQueued: 1, TimeSpan.FromSeconds(10));

        // 1.25 of 3 queued files worked in 10 s: 1.75 left take 14 s.
        Assert.Equal("2/4 files, 40 chunks, 4.0 chunks/s, ETA 0:14; now big\\x1B[31m.pdf page 100/400 (parsing)", progress.Describe());
    }

    [Fact]
    public void Describe_NothingStarted_NoEtaAndNoCurrentFile()
    {
        var progress = BatchProgress.From([Job(1, "a.txt", IngestJobState.Queued, IngestJobProgress.None, Start)], filesNotQueued: 0, TimeSpan.FromSeconds(2));

        Assert.Equal("0/1 files, 0 chunks, 0.0 chunks/s", progress.Describe());
    }

    private static IngestJob Job(long id, string relativePath, IngestJobState state, IngestJobProgress progress, DateTimeOffset updated) =>
        new(id, new IngestJobRequest("notes", "/docs/" + relativePath, relativePath, null, "os:test", "batch"), state, 1, null, progress, "w", Start, updated, "doc-" + id);
}
