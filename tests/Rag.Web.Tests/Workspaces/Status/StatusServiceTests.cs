using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Core.Ingestion;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;
using Rag.Web.Workspaces.Status;

namespace Rag.Web.Tests.Workspaces.Status;

/// <summary>The Status workspace's service in the real app over a real data directory (one ingested document, real SQLite).</summary>
public sealed class StatusServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    private RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var data = _temp.Combine("data");
        var docs = Directory.CreateDirectory(_temp.Combine("docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "status.md"), "# Status\n\nThe status page counts what the index holds.\n");
        await ApiFixture.IngestAsync(data, docs, "status-set", "team-s");
        _app = await RunningApp.StartAsync(data, new Dictionary<string, string?>());
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
    public async Task GetAsync_Admin_ReportsModelsStoresIndexQueueAndBlockedEgress()
    {
        var audit = App.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 3; i++)
        {
            await audit.AppendAsync(new AuditEvent(AuditActions.EgressBlocked, AuditActor.System, ["example.com:443"], AuditOutcomes.Denied));
        }

        var file = Path.Combine(_temp.Path, "docs", "status.md");
        await App.Services.GetRequiredService<IIngestJobStore>().EnqueueAsync(
            [new IngestJobRequest("queued-set", file, "a.md", "hash-a", "test", "batch-1"), new IngestJobRequest("queued-set", file, "b.md", "hash-b", "test", "batch-1")]);

        var snapshot = await App.Services.GetRequiredService<StatusService>().GetAsync(Principal("admin-1", "Admin"));

        Assert.Equal("use-lite", snapshot.Models.BoundModelId);
        Assert.Equal(512, snapshot.Models.BoundDimensions);
        Assert.Equal("use-lite", snapshot.Models.EmbedderModelId);
        Assert.Equal(16, snapshot.Models.EmbedderHash?.Length);
        Assert.Equal("CPU", snapshot.Models.ExecutionProvider);
        Assert.StartsWith("extractive", snapshot.Models.Generator, StringComparison.Ordinal);
        Assert.Contains(snapshot.Stores, s => s.Name == "rag.db" && s.Bytes > 0);
        Assert.Contains(snapshot.Stores, s => s.Name == "audit.db" && s.Bytes > 0);
        Assert.DoesNotContain(snapshot.Stores, s => s.Name.EndsWith("-wal", StringComparison.Ordinal));
        Assert.Equal(1, snapshot.Index.Documents);
        Assert.True(snapshot.Index.Chunks >= 1);
        Assert.Equal(2, snapshot.Queue.Queued);
        Assert.Equal(0, snapshot.Queue.Running);
        Assert.Equal(24, snapshot.Egress.Count);
        Assert.Equal(3, snapshot.EgressBlockedTotal);
        Assert.Equal(3, snapshot.Egress[^1].Blocked);
        var read = await audit.QueryAsync(new AuditQuery { Action = AuditActions.AuditRead, UserId = "admin-1" });
        Assert.Single(read.Records);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("ComplianceOfficer")]
    [InlineData(null)]
    public async Task GetAsync_NotAdmin_IsRefusedAndReadsNothing(string? role)
    {
        var user = "user-" + (role ?? "none");
        var service = App.Services.GetRequiredService<StatusService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.GetAsync(role is null ? Principal(user) : Principal(user, role)));

        var read = await App.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.AuditRead, UserId = user });
        Assert.Empty(read.Records);
    }

    [Fact]
    public async Task GetAsync_AnonymousPrincipalClaimingAdmin_IsRefused()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, "Admin")]));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.Services.GetRequiredService<StatusService>().GetAsync(anonymous));
    }

    private static ClaimsPrincipal Principal(string id, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        authenticationType: "test"));
}
