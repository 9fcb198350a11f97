using Rag.Core.Audit;
using Rag.Core.Storage;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

public sealed class DocumentSetAdministrationTests(DocumentsFixture fixture) : IClassFixture<DocumentsFixture>
{
    private DocumentSetAdministration Sets => fixture.Get<DocumentSetAdministration>();

    [Fact]
    public async Task CreateAsync_NewSet_ListedWithGroupsAndAudited()
    {
        var name = DocumentsFixture.NewSet("create");

        await Sets.CreateAsync(DocumentsFixture.Admin, name, ["HR", " finance ", "hr"]);

        var entry = Assert.Single(await Sets.ListAsync(DocumentsFixture.Admin), s => s.Set.Name == name);
        Assert.Equal(["HR", "finance"], entry.Set.Groups.Order(StringComparer.Ordinal));
        var record = Assert.Single(await fixture.AuditAsync(AuditActions.DocumentSetCreated, name));
        Assert.Equal("admin-1", record.Event.Actor.Id);
    }

    [Fact]
    public async Task CreateAsync_NameTaken_RefusedAndReadersKept()
    {
        var name = DocumentsFixture.NewSet("taken");
        await Sets.CreateAsync(DocumentsFixture.Admin, name, ["it"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Sets.CreateAsync(DocumentsFixture.Admin, name.ToUpperInvariant(), ["others"]));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(["it"], (await fixture.Get<IDocumentIndex>().GetDocumentSetAsync(name))!.Groups);
    }

    [Theory]
    [InlineData("bad\u0000name", "it")]
    [InlineData("", "it")]
    [InlineData("fine", "")]
    [InlineData("fine", "bad\u200Bgroup")]
    public async Task CreateAsync_BadNameOrNoGroup_RefusedWithReason(string name, string group)
    {
        var before = (await Sets.ListAsync(DocumentsFixture.Admin)).Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Sets.CreateAsync(DocumentsFixture.Admin, name == "fine" ? DocumentsFixture.NewSet("fine") : name, [group]));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, (await Sets.ListAsync(DocumentsFixture.Admin)).Count);
    }

    [Fact]
    public async Task ChangeReadersAsync_NewGroups_ChangedAndAuditedWithPrevious()
    {
        var name = DocumentsFixture.NewSet("change");
        await Sets.CreateAsync(DocumentsFixture.Admin, name, ["it"]);

        await Sets.ChangeReadersAsync(DocumentsFixture.Admin, name, ["legal"]);

        Assert.Equal(["legal"], (await fixture.Get<IDocumentIndex>().GetDocumentSetAsync(name))!.Groups);
        var record = Assert.Single(await fixture.AuditAsync(AuditActions.DocumentSetChanged, name));
        Assert.Contains("\"previousGroups\":[\"it\"]", record.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeReadersAsync_NoSuchSet_Throws() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Sets.ChangeReadersAsync(DocumentsFixture.Admin, DocumentsFixture.NewSet("absent"), ["it"]));

    [Fact]
    public async Task DeleteAsync_SetWithIndexedDocuments_RemovesDocumentsThenSetAndUploads()
    {
        var name = DocumentsFixture.NewSet("delete");
        using var docs = new TempDirectory();
        await File.WriteAllTextAsync(docs.Combine("one.md"), "# One\n\nThe first document of the set.");
        await File.WriteAllTextAsync(docs.Combine("two.md"), "# Two\n\nThe second document of the set.");
        await ApiFixture.IngestAsync(fixture.DataDirectory, docs.Path, name, "it");
        await fixture.Get<DocumentUploads>().UploadAsync(DocumentsFixture.Admin, name, [DocumentsFixture.Text("three.md", "# Three\n\nQueued.")]);
        var documents = await fixture.Get<IDocumentInventory>().ListDocumentsAsync(name);
        Assert.Equal(2, documents.Count);

        var removed = await Sets.DeleteAsync(DocumentsFixture.Admin, name);

        Assert.Equal(2, removed);
        Assert.Empty(await fixture.Get<IDocumentInventory>().ListDocumentsAsync(name));
        Assert.Null(await fixture.Get<IDocumentIndex>().GetDocumentSetAsync(name));
        Assert.Single(await fixture.AuditAsync(AuditActions.DocumentSetDeleted, name));
        var removedIds = (await fixture.AuditAsync(AuditActions.DocumentRemoved, name)).Select(r => r.Event.Targets[0]).ToList();
        Assert.Equal(documents.Select(d => d.Document.DocumentId).Order(StringComparer.Ordinal), removedIds.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(fixture.Get<UploadStore>().SetFolder(name)));
    }
}
