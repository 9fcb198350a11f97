using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core.Audit;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Ingest;
using Rag.Ingest.Pipeline;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

public sealed class DocumentMaintenanceTests(DocumentsFixture fixture) : IClassFixture<DocumentsFixture>
{
    private DocumentMaintenance Maintenance => fixture.Get<DocumentMaintenance>();

    [Fact]
    public async Task RemoveAsync_UploadedAndIndexed_RemovedAuditedAndOriginalDeleted()
    {
        var set = await CreateSetAsync("remove");
        var upload = await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("gone.md", "# Gone\n\nThis document is removed.")]);
        var job = (await fixture.Get<IIngestJobStore>().ListAsync(new IngestJobQuery(BatchId: upload.BatchId))).Single();
        await IndexInProcessAsync(job.Request.FullPath, set);
        Assert.Single(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(set));

        var removed = await Maintenance.RemoveAsync(DocumentsFixture.Admin, upload.Files[0].DocumentId!);

        Assert.True(removed);
        Assert.Empty(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(set));
        Assert.Single(await fixture.AuditAsync(AuditActions.DocumentRemoved, upload.Files[0].DocumentId!));
        Assert.False(File.Exists(job.Request.FullPath));
    }

    [Fact]
    public async Task RemoveAsync_IngestedFromFolder_RemovedButOperatorsFileKept()
    {
        var set = DocumentsFixture.NewSet("folder");
        using var docs = new TempDirectory();
        var path = docs.Combine("kept.md");
        await File.WriteAllTextAsync(path, "# Kept\n\nThe operator's own file.");
        await ApiFixture.IngestAsync(fixture.DataDirectory, docs.Path, set, "it");
        var document = Assert.Single(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(set)).Document;

        Assert.True(await Maintenance.RemoveAsync(DocumentsFixture.Admin, document.DocumentId));

        Assert.Empty(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(set));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task ReindexAsync_FailedAndUnchanged_QueuedAgain()
    {
        var set = await CreateSetAsync("reindex");
        var bytes = DocumentsFixture.Text("flaky.md", "# Flaky\n\nFailed once.");
        var upload = await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, set, [bytes]);
        var documentId = upload.Files[0].DocumentId!;
        var failed = await FailEverythingQueuedAsync(documentId);
        // Uploading the same bytes again does not queue it: a failed file stays failed until it changes.
        var again = await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("flaky.md", "# Flaky\n\nFailed once.")]);
        Assert.Equal(IngestJobState.Failed, again.Files[0].State);

        var job = await Maintenance.ReindexAsync(DocumentsFixture.Admin, documentId);

        Assert.Equal(IngestJobState.Queued, job.State);
        Assert.NotEqual(failed, job.JobId);
        Assert.Equal("admin-1", job.Request.Actor);
    }

    [Fact]
    public async Task ReindexSetAsync_QueuedAndIndexed_QueuesEachDocumentOnce()
    {
        var set = DocumentsFixture.NewSet("reindex-set");
        using var docs = new TempDirectory();
        await File.WriteAllTextAsync(docs.Combine("a.md"), "# A\n\nFirst.");
        Directory.CreateDirectory(docs.Combine("sub"));
        await File.WriteAllTextAsync(docs.Combine("sub", "b.md"), "# B\n\nSecond.");
        await ApiFixture.IngestAsync(fixture.DataDirectory, docs.Path, set, "it");
        await fixture.Get<IIngestJobStore>().EnqueueAsync(
        [
            new IngestJobRequest(set, docs.Combine("a.md"), "a.md", null, "test", "b1"),
            new IngestJobRequest(set, docs.Combine("sub", "b.md"), "sub/b.md", null, "test", "b1"),
        ]);

        var (jobs, missing) = await Maintenance.ReindexSetAsync(DocumentsFixture.Admin, set);

        Assert.Equal(["a.md", "sub/b.md"], jobs.Select(j => j.Request.RelativePath).Order(StringComparer.Ordinal));
        Assert.Empty(missing);
    }

    private async Task<string> CreateSetAsync(string prefix)
    {
        var set = DocumentsFixture.NewSet(prefix);
        await fixture.Get<DocumentSetAdministration>().CreateAsync(DocumentsFixture.Admin, set, ["it"]);
        return set;
    }

    // Plays a worker whose every job fails (the file is unreadable to it), as a worker records it: with the file's hash.
    private async Task<long> FailEverythingQueuedAsync(string documentId)
    {
        var store = fixture.Get<IIngestJobStore>();
        long mine = 0;
        while (await store.ClaimAsync("test-worker", TimeSpan.FromMinutes(1)) is { } job)
        {
            await store.CompleteAsync(job.JobId, "test-worker", new IngestJobOutcome(IngestJobState.Failed, "unreadable", IngestJobProgress.None, ContentHash: job.Request.ContentHash));
            mine = job.DocumentId == documentId ? job.JobId : mine;
        }

        return mine;
    }

    // Indexes the uploaded file the way the worker would (same set, same name, so the same document id), in this test.
    private async Task IndexInProcessAsync(string path, string set)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = fixture.DataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
        }).Build();
        await using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddRagIngest(configuration)
            .BuildServiceProvider();
        await foreach (var result in provider.GetRequiredService<IngestionPipeline>().IngestAsync(new IngestionRequest([path], set, null, "test")))
        {
            Assert.Equal(IngestionStatus.Indexed, result.Status);
        }
    }
}
