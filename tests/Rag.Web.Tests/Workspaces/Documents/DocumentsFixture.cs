using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rag.Audit;
using Rag.Core.Audit;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.Authentication;
using Rag.Web.Workspaces.Documents;

namespace Rag.Web.Tests.Workspaces.Documents;

/// <summary>
/// The Documents workspace's services as the web app registers them, over a fresh data directory (real SQLite, real
/// files, the real embedding model for binding the index): one per test class. Upload limits are small so tests can
/// cross them with small files; every test uses its own set, so none reads another's data.
/// </summary>
public sealed class DocumentsFixture : IAsyncLifetime, IDisposable
{
    public const long MaxFileBytes = 4096;
    public const long MaxTotalBytes = 10_000;
    public const int MaxFilesPerUpload = 4;

    private readonly TempDirectory _temp = new();
    private ServiceProvider? _services;

    public string DataDirectory => _temp.Combine("data");

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    internal T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = DataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Rag:Web:Uploads:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rag:Web:Uploads:MaxTotalBytes"] = MaxTotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rag:Web:Uploads:MaxFilesPerUpload"] = MaxFilesPerUpload.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rag:Web:Documents:RefreshInterval"] = "00:00:00.100",
        }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddRagOnnx(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .AddDocumentsWorkspace(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A signed-in user with <paramref name="roles"/> in <paramref name="groups"/>.</summary>
    public static ClaimsPrincipal User(string id, IReadOnlyList<string> roles, params string[] groups)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(groups.Select(g => new Claim(RagClaims.Groups, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Test", ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal Admin { get; } = User("admin-1", [RagRoles.Admin], "it");

    public static ClaimsPrincipal Employee { get; } = User("employee-1", [RagRoles.Employee], "it");

    public static ClaimsPrincipal ComplianceOfficer { get; } = User("officer-1", [RagRoles.ComplianceOfficer], "it");

    /// <summary>A fresh set name for one test.</summary>
    public static string NewSet(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>An uploaded file with <paramref name="content"/>, declaring its true size unless told otherwise.</summary>
    internal static UploadedFile File(string name, byte[] content, long? declared = null) =>
        new(name, declared ?? content.LongLength, _ => new MemoryStream(content, writable: false));

    internal static UploadedFile Text(string name, string text) => File(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Audit records of <paramref name="action"/> that name <paramref name="target"/>.</summary>
    internal async Task<List<AuditRecord>> AuditAsync(string action, string target)
    {
        var found = new List<AuditRecord>();
        await foreach (var record in Get<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == action && record.Event.Targets.Contains(target))
            {
                found.Add(record);
            }
        }

        return found;
    }
}
