using Microsoft.Extensions.DependencyInjection;
using Rag.Core.Audit;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

public sealed class AuditLogBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly AuditWorkspaceServices _host = new();

    private AuditLogBrowser Browser => _host.Services.GetRequiredService<AuditLogBrowser>();

    /// <summary>90 records: users u0..u2 in turn, every second one a question, every ninth denied, every tenth about doc-x.</summary>
    public async Task InitializeAsync()
    {
        for (var i = 0; i < 90; i++)
        {
            var user = "u" + (i % 3);
            await _host.Log.AppendAsync(new AuditEvent(
                i % 2 == 0 ? AuditActions.QuestionAsked : AuditActions.AnswerGiven,
                AuditActor.FromId(user),
                i % 10 == 0 ? ["doc-x"] : ["doc-" + i],
                i % 9 == 0 ? AuditOutcomes.Denied : AuditOutcomes.Ok) { Detail = "{\"i\":" + i + "}", CorrelationId = "c" + i });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetPageAsync_PagesOfAFilter_CountAndRowsMatch()
    {
        var filter = new AuditLogFilter { UserId = "u1" };

        var first = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, filter, 0, 12, oldestFirst: false, "127.0.0.1");
        var second = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, filter with { Through = first.Through }, 12, 12, oldestFirst: false, "127.0.0.1");
        var last = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, filter with { Through = first.Through }, 24, 12, oldestFirst: false, "127.0.0.1");

        Assert.Equal(30, first.TotalCount);
        Assert.Equal(90, first.Through);
        var sequences = first.Records.Concat(second.Records).Concat(last.Records).Select(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(k => 89L - (3 * k)), sequences); // u1 is i = 1, 4, ..., 88 (sequence i + 1), newest first
        Assert.Equal(6, last.Records.Count);
        Assert.All(sequences, s => Assert.True(s <= 90));
    }

    [Fact]
    public async Task GetPageAsync_EveryFilterTogether_OnlyMatchingRecords()
    {
        var filter = new AuditLogFilter
        {
            From = DateTimeOffset.MinValue.AddYears(2000),
            Action = AuditActions.QuestionAsked,
            Document = "doc-x",
            Outcome = AuditOutcomes.Denied,
        };

        var page = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, filter, 0, 50, oldestFirst: true, "127.0.0.1");

        // i even, i % 10 == 0 and i % 9 == 0: 0 and 90 (out of range), so only i = 0 (sequence 1).
        Assert.Equal([1L], page.Records.Select(r => r.Sequence));
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task GetPageAsync_Read_RecordedBeforeItIsShownAndNotInThePage()
    {
        var page = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, new AuditLogFilter { Action = AuditActions.AnswerGiven }, 0, 5, oldestFirst: false, "10.1.2.3");

        var read = (await _host.ReadAllAsync()).Last();
        Assert.Equal(AuditActions.AuditRead, read.Event.Action);
        Assert.Equal("local:carla", read.Event.Actor.Id);
        Assert.Contains("ComplianceOfficer", read.Event.Actor.Roles);
        Assert.Equal("10.1.2.3", read.Event.ClientAddress);
        Assert.Contains("\"action\":\"answer.given\"", read.Event.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Records, r => r.Sequence == read.Sequence);
    }

    [Fact]
    public async Task GetPageAsync_StableWhileRecordsAreAppended()
    {
        var first = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, new AuditLogFilter(), 0, 10, oldestFirst: false, "local");
        await _host.Log.AppendAsync(new AuditEvent(AuditActions.QuestionAsked, AuditActor.FromId("late"), [], AuditOutcomes.Ok));

        var second = await Browser.GetPageAsync(AuditWorkspaceServices.Compliance, new AuditLogFilter { Through = first.Through }, 10, 10, oldestFirst: false, "local");

        Assert.Equal(90, second.TotalCount);
        Assert.Equal(first.Records[^1].Sequence - 1, second.Records[0].Sequence);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("Admin")]
    [InlineData(null)]
    public async Task GetPageAsync_NotAComplianceOfficer_RefusedAndNothingRecorded(string? role)
    {
        var user = role is null ? new System.Security.Claims.ClaimsPrincipal() : AuditWorkspaceServices.Principal("someone", role);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Browser.GetPageAsync(user, new AuditLogFilter(), 0, 10, oldestFirst: false, "local"));

        Assert.Equal(90, (await _host.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task GetPageAsync_EmptyTimeRangeOrBadPage_ClearError()
    {
        var now = DateTimeOffset.UtcNow;

        var range = await Assert.ThrowsAsync<ArgumentException>(() => Browser.GetPageAsync(AuditWorkspaceServices.Compliance, new AuditLogFilter { From = now, To = now }, 0, 10, false, "local"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Browser.GetPageAsync(AuditWorkspaceServices.Compliance, new AuditLogFilter(), 0, AuditLogBrowser.MaxPageSize + 1, false, "local"));

        Assert.Contains("time range is empty", range.Message, StringComparison.Ordinal);
    }
}
