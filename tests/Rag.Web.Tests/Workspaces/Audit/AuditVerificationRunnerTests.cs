using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

public sealed class AuditVerificationRunnerTests : IAsyncLifetime, IDisposable
{
    private readonly AuditWorkspaceServices _host = new();

    private AuditVerificationRunner Runner => _host.Services.GetRequiredService<AuditVerificationRunner>();

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 8; i++)
        {
            await _host.Log.AppendAsync(new AuditEvent(AuditActions.QuestionAsked, AuditActor.FromId("alice"), [], AuditOutcomes.Ok));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task VerifyAsync_IntactLog_IntactAndRecordedAsVerified()
    {
        var summary = await Runner.VerifyAsync(AuditWorkspaceServices.Compliance, "127.0.0.1");

        Assert.True(summary.Intact, string.Join("; ", summary.Verification.Report.Damage.Select(d => d.Message)));
        Assert.True(summary.Recorded);
        Assert.Equal(8, summary.Verification.Report.RecordsChecked);
        var verified = (await _host.ReadAllAsync())[^1];
        Assert.Equal(AuditActions.AuditVerified, verified.Event.Action);
        Assert.Equal(AuditOutcomes.Ok, verified.Event.Outcome);
        Assert.Equal("local:carla", verified.Event.Actor.Id);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("Admin")]
    public async Task VerifyAsync_NotAComplianceOfficer_RefusedAndNothingRecorded(string role)
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Runner.VerifyAsync(AuditWorkspaceServices.Principal("x", role), "local"));

        Assert.Equal(8, (await _host.ReadAllAsync()).Count);
    }
}
