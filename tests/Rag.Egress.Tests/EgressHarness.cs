using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Egress.Tests.Fakes;
using Rag.Storage;
using Rag.Testing;
using Rag.Audit;

namespace Rag.Egress.Tests;

/// <summary>
/// A service provider as a product process builds it — the real SQLite audit log (<c>AddRagStorage</c>, <c>AddRagAudit</c>) and
/// <c>AddRagEgress</c> — with the resolver and connector replaced by recording fakes.
/// </summary>
internal sealed class EgressHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    public EgressHarness(IDictionary<string, string?>? egressSettings = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(egressSettings ?? new Dictionary<string, string?>(), StringComparer.Ordinal)
        {
            [StorageOptions.SectionName + ":DataDirectory"] = _temp.Path,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IEgressResolver>(Resolver);
        services.AddSingleton<IEgressConnector>(Connector);
        services.AddRagStorage(configuration);
        services.AddRagAudit(configuration);
        services.AddRagEgress(configuration);
        configure?.Invoke(services);
        Provider = services.BuildServiceProvider(validateScopes: true);
    }

    public EgressResolverFake Resolver { get; } = new();

    public CountingConnectorFake Connector { get; } = new();

    public ServiceProvider Provider { get; }

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => "Rag:Egress:" + e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    public HttpClient Client(string name) => Provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public async Task<IReadOnlyList<AuditRecord>> BlockedRecordsAsync()
    {
        var page = await Provider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.EgressBlocked });
        return page.Records;
    }

    /// <summary>The single egress.blocked record, with its detail parsed.</summary>
    public async Task<(AuditRecord Record, JsonElement Detail)> SingleBlockedAsync()
    {
        var record = Assert.Single(await BlockedRecordsAsync());
        using var detail = JsonDocument.Parse(record.Event.Detail ?? "{}");
        return (record, detail.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        _temp.Dispose();
    }
}
