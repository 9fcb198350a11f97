using System.Security.Claims;
using Rag.Core.Storage;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>Every service method the Documents page calls refuses a caller who is not an admin, on the server, before doing anything.</summary>
public sealed class DocumentsAccessTests(DocumentsFixture fixture) : IClassFixture<DocumentsFixture>
{
    public static TheoryData<string> Methods() =>
    [
        "sets.list", "sets.create", "sets.change", "sets.delete", "uploads.upload", "states.list", "states.watch",
        "maintenance.reindex", "maintenance.reindexSet", "maintenance.remove",
    ];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Method_Employee_RefusedAndNothingChanged(string method)
    {
        var set = await PrepareAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CallAsync(method, DocumentsFixture.Employee, set.Name, set.DocumentId));

        await AssertUnchangedAsync(set);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Method_ComplianceOfficerOrAnonymous_Refused(string method)
    {
        var set = await PrepareAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CallAsync(method, DocumentsFixture.ComplianceOfficer, set.Name, set.DocumentId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CallAsync(method, new ClaimsPrincipal(new ClaimsIdentity()), set.Name, set.DocumentId));

        await AssertUnchangedAsync(set);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Method_AdminAmongOtherRoles_Allowed(string method)
    {
        var set = await PrepareAsync();
        var admin = DocumentsFixture.User("admin-2", [Rag.Web.Authentication.RagRoles.Employee, Rag.Web.Authentication.RagRoles.Admin], "it");

        await CallAsync(method, admin, set.Name, set.DocumentId);
    }

    // A set with one uploaded (queued) document.
    private async Task<(string Name, string DocumentId)> PrepareAsync()
    {
        var name = DocumentsFixture.NewSet("roles");
        await fixture.Get<DocumentSetAdministration>().CreateAsync(DocumentsFixture.Admin, name, ["it"]);
        var upload = await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, name, [DocumentsFixture.Text("a.md", "# A\n\nText.")]);
        return (name, upload.Files[0].DocumentId!);
    }

    private async Task AssertUnchangedAsync((string Name, string DocumentId) set)
    {
        var entry = Assert.Single(await fixture.Get<IDocumentInventory>().ListDocumentSetsAsync(), s => s.Set.Name == set.Name);
        Assert.Equal(["it"], entry.Set.Groups);
        Assert.False(Directory.Exists(fixture.Get<UploadStore>().SetFolder("new-" + set.Name)));
        var jobs = await fixture.Get<Rag.Core.Ingestion.IIngestJobStore>().ListAsync(new Rag.Core.Ingestion.IngestJobQuery(SetName: set.Name));
        Assert.Single(jobs);
        Assert.Single(Directory.EnumerateFiles(fixture.Get<UploadStore>().SetFolder(set.Name)));
    }

    private async Task CallAsync(string method, ClaimsPrincipal user, string set, string documentId)
    {
        switch (method)
        {
            case "sets.list":
                await fixture.Get<DocumentSetAdministration>().ListAsync(user);
                break;
            case "sets.create":
                await fixture.Get<DocumentSetAdministration>().CreateAsync(user, "new-" + set, ["it"]);
                break;
            case "sets.change":
                await fixture.Get<DocumentSetAdministration>().ChangeReadersAsync(user, set, ["others"]);
                break;
            case "sets.delete":
                await fixture.Get<DocumentSetAdministration>().DeleteAsync(user, set);
                break;
            case "uploads.upload":
                await fixture.Get<DocumentUploads>().UploadAsync(user, set, [DocumentsFixture.Text("b.md", "# B\n\nText.")]);
                break;
            case "states.list":
                await fixture.Get<DocumentStates>().ListAsync(user, set);
                break;
            case "states.watch":
                await foreach (var rows in fixture.Get<DocumentStates>().WatchAsync(user, set))
                {
                    Assert.NotEmpty(rows);
                    break;
                }

                break;
            case "maintenance.reindex":
                await fixture.Get<DocumentMaintenance>().ReindexAsync(user, documentId);
                break;
            case "maintenance.reindexSet":
                await fixture.Get<DocumentMaintenance>().ReindexSetAsync(user, set);
                break;
            case "maintenance.remove":
                await fixture.Get<DocumentMaintenance>().RemoveAsync(user, documentId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method");
        }
    }
}
