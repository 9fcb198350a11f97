using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Worker;
using Rag.Testing;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

public sealed class DocumentUploadsTests(DocumentsFixture fixture) : IClassFixture<DocumentsFixture>
{
    private static readonly byte[] Pdf = TypesetPdf.Build("Upload test", "The upload test sentence.");

    private DocumentUploads Uploads => fixture.Get<DocumentUploads>();

    [Fact]
    public async Task UploadAsync_AcceptedFiles_StoredPrivatelyAndQueuedNotIndexed()
    {
        var set = await CreateSetAsync("queued");

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.File("guide.pdf", Pdf), DocumentsFixture.Text("notes.md", "# Notes\n\nHello.")]);

        Assert.All(result.Files, f => Assert.True(f.Accepted, f.Reason));
        Assert.NotNull(result.BatchId);
        var jobs = await fixture.Get<IIngestJobStore>().ListAsync(new IngestJobQuery(BatchId: result.BatchId));
        Assert.Equal(["guide.pdf", "notes.md"], jobs.Select(j => j.Request.RelativePath).Order(StringComparer.Ordinal));
        // Queued, and nothing in this app reads them: no worker, no pipeline is registered, so they stay queued.
        Assert.All(jobs, j => Assert.Equal(IngestJobState.Queued, j.State));
        Assert.Null(fixture.Services.GetService(typeof(IngestionPipeline)));
        Assert.Null(fixture.Services.GetService(typeof(IngestWorker)));
        Assert.Empty(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(set));
        var stored = jobs.Single(j => j.Request.RelativePath == "guide.pdf").Request.FullPath;
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored));
        Assert.StartsWith(Path.Combine(fixture.DataDirectory, UploadStore.FolderName) + Path.DirectorySeparatorChar, stored, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(stored)!));
        }
    }

    [Fact]
    public async Task UploadAsync_FileDeclaredOverLimit_RefusedWithReasonOthersKept()
    {
        var set = await CreateSetAsync("declared");

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set,
        [
            DocumentsFixture.File("big.md", new byte[10], declared: DocumentsFixture.MaxFileBytes + 1),
            DocumentsFixture.Text("small.md", "# Small\n\nFits."),
        ]);

        Assert.False(result.Files[0].Accepted);
        Assert.Contains("over the limit of 4 KiB per file", result.Files[0].Reason, StringComparison.Ordinal);
        Assert.True(result.Files[1].Accepted, result.Files[1].Reason);
        Assert.Equal(["small.md"], await StoredNamesAsync(set));
    }

    [Fact]
    public async Task UploadAsync_ContentLargerThanDeclared_RefusedWhileStreaming()
    {
        var set = await CreateSetAsync("lying");
        var content = System.Text.Encoding.UTF8.GetBytes("# Big\n\n" + new string('x', (int)DocumentsFixture.MaxFileBytes));

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.File("big.md", content, declared: 100)]);

        var file = Assert.Single(result.Files);
        Assert.False(file.Accepted);
        Assert.Contains("larger than the limit of 4 KiB per file", file.Reason, StringComparison.Ordinal);
        Assert.Empty(await StoredNamesAsync(set));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(fixture.DataDirectory, UploadStore.FolderName, ".incoming")));
    }

    [Fact]
    public async Task UploadAsync_TotalOverLimit_LaterFilesRefused()
    {
        var set = await CreateSetAsync("total");
        var chunk = new string('y', 3500);

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set,
            [DocumentsFixture.Text("a.md", chunk), DocumentsFixture.Text("b.md", chunk), DocumentsFixture.Text("c.md", chunk)]);

        Assert.True(result.Files[0].Accepted && result.Files[1].Accepted);
        Assert.False(result.Files[2].Accepted);
        Assert.Contains("limit of 9.8 KiB in all", result.Files[2].Reason, StringComparison.Ordinal);
        Assert.Equal(["a.md", "b.md"], await StoredNamesAsync(set));
    }

    [Fact]
    public async Task UploadAsync_MoreFilesThanAllowed_ExtraRefusedEachWithReason()
    {
        var set = await CreateSetAsync("count");
        var files = Enumerable.Range(1, DocumentsFixture.MaxFilesPerUpload + 2).Select(i => DocumentsFixture.Text($"f{i}.md", $"# F{i}\n\nText {i}.")).ToList();

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, files);

        Assert.Equal(DocumentsFixture.MaxFilesPerUpload, result.AcceptedCount);
        Assert.All(result.Files.Skip(DocumentsFixture.MaxFilesPerUpload), f => Assert.Contains("at most 4 files", f.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tool.exe", "'.exe' files are not accepted")]
    [InlineData("README", "files without an extension are not accepted")]
    [InlineData("report.pdf.zip", "'.zip' files are not accepted")]
    public async Task UploadAsync_TypeNotAllowed_Refused(string name, string reason)
    {
        var set = await CreateSetAsync("type");

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.File(name, Pdf)]);

        Assert.Contains(reason, Assert.Single(result.Files).Reason, StringComparison.Ordinal);
        Assert.Empty(await StoredNamesAsync(set));
    }

    [Theory]
    [InlineData("fake.pdf", "MZ\u0090\0binary", "not a PDF")]
    [InlineData("fake.docx", "%PDF-1.4 not a zip", "not an Office .docx package")]
    [InlineData("fake.md", "text\0with\0nul", "binary, not .md text")]
    [InlineData("empty.md", "", "the file is empty")]
    public async Task UploadAsync_ContentNotOfItsType_Refused(string name, string content, string reason)
    {
        var set = await CreateSetAsync("sniff");

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.File(name, System.Text.Encoding.Latin1.GetBytes(content))]);

        Assert.Contains(reason, Assert.Single(result.Files).Reason, StringComparison.Ordinal);
        Assert.Empty(await StoredNamesAsync(set));
    }

    [Theory]
    [InlineData("../escape.md")]
    [InlineData("..\\escape.md")]
    [InlineData("/etc/escape.md")]
    [InlineData("sub/escape.md")]
    [InlineData("..")]
    [InlineData(".hidden.md")]
    [InlineData("bad\u0000name.md")]
    [InlineData("bidi\u202Edm.exe.md")]
    [InlineData(" padded.md")]
    public async Task UploadAsync_UnsafeName_RefusedAndNothingWritten(string name)
    {
        var set = await CreateSetAsync("names");
        var before = AllFiles();

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text(name, "# Escape\n\nText.")]);

        Assert.False(Assert.Single(result.Files).Accepted);
        Assert.Equal(before, AllFiles());
    }

    [Fact]
    public async Task UploadAsync_SameNameAgain_ReplacesFileAsSameDocument()
    {
        var set = await CreateSetAsync("version");
        var first = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("policy.md", "# Policy\n\nVersion one.")]);

        var second = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("policy.md", "# Policy\n\nVersion two.")]);

        Assert.Equal(first.Files[0].DocumentId, second.Files[0].DocumentId);
        var job = (await fixture.Get<IIngestJobStore>().ListAsync(new IngestJobQuery(SetName: set)))[0];
        Assert.Equal("# Policy\n\nVersion two.", await File.ReadAllTextAsync(job.Request.FullPath));
        Assert.Equal(["policy.md"], await StoredNamesAsync(set));
    }

    [Fact]
    public async Task UploadAsync_SameNameTwiceInOneUpload_SecondRefused()
    {
        var set = await CreateSetAsync("twice");

        var result = await Uploads.UploadAsync(DocumentsFixture.Admin, set, [DocumentsFixture.Text("a.md", "# A\n\nOne."), DocumentsFixture.Text("a.md", "# A\n\nTwo.")]);

        Assert.True(result.Files[0].Accepted);
        Assert.Contains("same name is already in this upload", result.Files[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_NoSuchSet_ThrowsAndStoresNothing()
    {
        var before = AllFiles();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Uploads.UploadAsync(DocumentsFixture.Admin, DocumentsFixture.NewSet("missing"), [DocumentsFixture.Text("a.md", "# A\n\nText.")]));

        Assert.Equal(before, AllFiles());
    }

    private async Task<string> CreateSetAsync(string prefix)
    {
        var set = DocumentsFixture.NewSet(prefix);
        await fixture.Get<DocumentSetAdministration>().CreateAsync(DocumentsFixture.Admin, set, ["it"]);
        return set;
    }

    private async Task<List<string>> StoredNamesAsync(string set)
    {
        var folder = fixture.Get<UploadStore>().SetFolder(set);
        await Task.Yield();
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)] : [];
    }

    // Every file under the test's temporary folder (the data directory's parent), but SQLite's own companions, which
    // come and go as the databases are read.
    private List<string> AllFiles() =>
        [.. Directory.EnumerateFiles(Path.GetDirectoryName(fixture.DataDirectory)!, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-journal", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
