using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Audit;
using Rag.Core.Audit;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.Authentication;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

/// <summary>
/// The Audit workspace's services as the app registers them (AddRagStorage, AddRagAudit, AddAuditWorkspace) over a
/// fresh data directory: a real audit.db with its signing key, and a real rag.db catalog.
/// </summary>
internal sealed class AuditWorkspaceServices : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ServiceProvider _services;

    public AuditWorkspaceServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = _temp.Combine("data"),
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddAuditWorkspace(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ClaimsPrincipal Compliance { get; } = Principal("carla", RagRoles.ComplianceOfficer);

    public static ClaimsPrincipal Admin { get; } = Principal("adam", RagRoles.Admin);

    public static ClaimsPrincipal Employee { get; } = Principal("erin", RagRoles.Employee);

    public IServiceProvider Services => _services;

    public IAuditLog Log => _services.GetRequiredService<IAuditLog>();

    public IDocumentCatalog Catalog => _services.GetRequiredService<IDocumentCatalog>();

    public AuditKeyProvider Keys => _services.GetRequiredService<AuditKeyProvider>();

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>A signed-in user with <paramref name="roles"/>, as the sign-in pages make one (role claims are <see cref="ClaimTypes.Role"/>).</summary>
    public static ClaimsPrincipal Principal(string id, params string[] roles) =>
        new(new ClaimsIdentity(
            [new(ClaimTypes.NameIdentifier, "local:" + id), new(ClaimTypes.Name, id), new(RagClaims.Groups, "staff"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
            "Test",
            ClaimTypes.Name,
            ClaimTypes.Role));

    public async Task<List<AuditRecord>> ReadAllAsync()
    {
        var records = new List<AuditRecord>();
        await foreach (var record in Log.ReadAsync())
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Adds a document with <paramref name="pages"/> chunks (chunk i on page i + 1) to set <paramref name="set"/> (created if needed).</summary>
    public async Task<SourceDocument> AddDocumentAsync(string set, string documentId, string title, string path, int pages)
    {
        await Catalog.UpsertDocumentSetAsync(new DocumentSet(set, ["staff"]));
        var document = new SourceDocument(documentId, set, title, path, new string('a', 64), "application/pdf", pages);
        var chunks = Enumerable.Range(0, pages)
            .Select(i => new Chunk(ChunkId(documentId, i), documentId, set, i, $"Text of page {i + 1}.", [title], i + 1, i + 1, i * 20, i * 20 + 15))
            .ToList();
        await Catalog.ReplaceDocumentAsync(document, chunks, (_, _) => Task.CompletedTask);
        return document;
    }

    public static Guid ChunkId(string documentId, int index) => Rag.Core.Ids.ChunkIds.For(documentId, new string('a', 64), index);

    public void Dispose()
    {
        _services.Dispose();
        _temp.Dispose();
    }
}
