using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Core.Ids;
using Rag.Testing;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>
/// GET /documents/{id}/file on the real app (Kestrel on loopback) with its sign-in cookie: set <c>alpha</c> (group
/// team-a) holds a PDF, a Markdown file and one that changes on disk after it was indexed; user <c>outsider</c> is in
/// team-b only. API keys, which belong to /v1, open nothing here.
/// </summary>
public sealed class DocumentFileEndpointTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Pdf = TypesetPdf.Build("Guide", "The guide for new starters.");
    private readonly TempDirectory _temp = new();
    private readonly string _apiKey = ApiKeys.Create("reader");
    private CookieSignedInApp? _app;
    private HttpClient _reader = null!;
    private HttpClient _outsider = null!;

    private CookieSignedInApp App => _app!;

    public async Task InitializeAsync()
    {
        var docs = Directory.CreateDirectory(_temp.Combine("docs")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(docs, "guide.pdf"), Pdf);
        await File.WriteAllTextAsync(Path.Combine(docs, "notes.md"), "# Notes\n\nSecret notes of team A.");
        await File.WriteAllTextAsync(Path.Combine(docs, "changed.md"), "# Changed\n\nThe indexed version.");
        var data = _temp.Combine("data");
        await ApiFixture.IngestAsync(data, docs, "alpha", "team-a");
        await File.WriteAllTextAsync(Path.Combine(docs, "changed.md"), "# Changed\n\nA newer version, not indexed yet.");
        _app = await CookieSignedInApp.StartAsync(data, ApiFixture.Keys(("reader", _apiKey, "team-a")));
        await App.CreateUserAsync("reader", [RagRoles.Employee], "team-a");
        await App.CreateUserAsync("outsider", [RagRoles.Employee, RagRoles.Admin], "team-b");
        _reader = await App.ClientFor("reader");
        _outsider = await App.ClientFor("outsider");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Get_ReaderOfSetPdf_OriginalInlineAsPdf()
    {
        using var response = await GetAsync("guide.pdf", _reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("guide.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ReaderOfSetMarkdown_Attachment()
    {
        using var response = await GetAsync("notes.md", _reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("# Notes\n\nSecret notes of team A.", await response.Content.ReadAsStringAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task Get_CallerWithoutTheSetsGroup_NotFoundAndAuditedAsDenied()
    {
        using var response = await GetAsync("notes.md", _outsider);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var records = await DownloadRecordsAsync(DocumentIds.For("alpha", "notes.md"));
        Assert.Contains(records, r => r.Event.Outcome == AuditOutcomes.Denied && r.Event.Actor.Id.EndsWith("outsider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_UnknownDocument_NotFoundLikeAForbiddenOne()
    {
        using var unknown = await _reader.GetAsync(DocumentFileEndpoint.PathFor(Guid.NewGuid().ToString("N")));
        using var forbidden = await GetAsync("notes.md", _outsider);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await forbidden.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_FileChangedSinceIndexed_NotFound()
    {
        using var response = await GetAsync("changed.md", _reader);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_NotSignedIn_SentToSignIn()
    {
        var anonymous = await App.ClientFor(null);
        using var response = await GetAsync("notes.md", anonymous);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ApiKeyOfReader_NotAcceptedOutsideTheApi()
    {
        var client = await App.ClientFor(null);
        using var request = RunningApp.Request(HttpMethod.Get, DocumentFileEndpoint.PathFor(DocumentIds.For("alpha", "notes.md")), _apiKey);
        using var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Download_AuditedBeforeSendingWithVersion()
    {
        var id = DocumentIds.For("alpha", "guide.pdf");

        using var response = await GetAsync("guide.pdf", _reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await DownloadRecordsAsync(id), r => r.Event.Outcome == AuditOutcomes.Ok);
        Assert.Equal(["local:reader", id, "alpha"], [record.Event.Actor.Id, .. record.Event.Targets]);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), record.Event.Detail, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetAsync(string path, HttpClient client) =>
        client.GetAsync(DocumentFileEndpoint.PathFor(DocumentIds.For("alpha", path)));

    private async Task<List<AuditRecord>> DownloadRecordsAsync(string documentId)
    {
        var found = new List<AuditRecord>();
        await foreach (var record in App.Services.GetRequiredService<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == AuditActions.DocumentDownloaded && record.Event.Targets.Contains(documentId))
            {
                found.Add(record);
            }
        }

        return found;
    }
}
