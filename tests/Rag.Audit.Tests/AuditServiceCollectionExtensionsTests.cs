using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rag.Audit.Export;
using Rag.Audit.Verification;
using Rag.Core;
using Rag.Core.Audit;
using Rag.Storage;
using Rag.Testing;

namespace Rag.Audit.Tests;

public sealed class AuditServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task AddRagAudit_Configured_ResolvesOneLogBehindEveryPort()
    {
        await using var provider = Build(_temp.Combine("data"));

        var audit = provider.GetRequiredService<IAuditLog>();

        var sqlite = Assert.IsType<SqliteAuditLog>(audit);
        Assert.Equal(_temp.Combine("data", SqliteAuditLog.FileName), sqlite.DatabasePath);
        Assert.Equal(AuditStoreFiles.LogPath(_temp.Combine("data")), sqlite.DatabasePath);
        Assert.Same(sqlite, provider.GetRequiredService<IAuditPurge>());
        Assert.Same(sqlite, provider.GetRequiredService<IAuditCheckpointer>());
        Assert.Same(sqlite, provider.GetRequiredService<IAuditVerificationSource>());
        Assert.Same(sqlite, provider.GetRequiredService<IAuditTargetIndexCheck>());
        Assert.NotNull(provider.GetRequiredService<AuditExporter>());
        Assert.Equal(1, (await audit.AppendAsync(new AuditEvent(AuditActions.QuestionAsked, AuditActor.FromId("u"), [], AuditOutcomes.Ok))).Sequence);
    }

    [Fact]
    public void AddRagAudit_ProviderDisposedSynchronously_DoesNotThrow()
    {
        var provider = Build(_temp.Path);
        provider.GetRequiredService<IAuditLog>();

        provider.Dispose();
    }

    [Fact]
    public void AddRagAudit_WithCoreAndStorage_RegistersAuditOptionsOnce()
    {
        var configuration = Configuration(_temp.Path, new() { ["Rag:Audit:RetentionPeriod"] = "400.00:00:00" });
        var services = new ServiceCollection();

        services.AddRagCore(configuration).AddRagStorage(configuration).AddRagAudit(configuration);

        // Two bindings would bind the section twice and validate it twice: one owner, Rag.Audit.
        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<AuditOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<AuditOptions>));
    }

    [Fact]
    public void AddRagAudit_RetentionPeriodNotPositive_FailsValidationNamingTheKey()
    {
        using var provider = Build(_temp.Path, new() { ["Rag:Audit:RetentionPeriod"] = "-1.00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditOptions>>().Value);

        Assert.Contains("Rag:Audit:RetentionPeriod", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static IConfiguration Configuration(string dataDirectory, Dictionary<string, string?>? audit = null)
    {
        var values = new Dictionary<string, string?>(audit ?? []) { ["Rag:Storage:DataDirectory"] = dataDirectory };
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static ServiceProvider Build(string dataDirectory, Dictionary<string, string?>? audit = null)
    {
        var configuration = Configuration(dataDirectory, audit);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddRagStorage(configuration).AddRagAudit(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
