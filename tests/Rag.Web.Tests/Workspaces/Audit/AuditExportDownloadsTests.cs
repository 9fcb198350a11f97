using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Rag.Audit.Export;
using Rag.Core.Audit;
using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Tests.Workspaces.Audit;

public sealed class AuditExportDownloadsTests : IAsyncLifetime, IDisposable
{
    private readonly AuditWorkspaceServices _host = new();

    private AuditExportDownloads Downloads => _host.Services.GetRequiredService<AuditExportDownloads>();

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 12; i++)
        {
            await _host.Log.AppendAsync(new AuditEvent(i % 2 == 0 ? AuditActions.QuestionAsked : AuditActions.AnswerGiven, AuditActor.FromId(i % 3 == 0 ? "alice" : "bob"), [], AuditOutcomes.Ok)
            {
                Detail = "{\"question\":\"=HYPERLINK(ticket-" + i + ")\"}",
            });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(AuditExportFormat.Csv)]
    [InlineData(AuditExportFormat.Json)]
    public async Task ExportAsync_Zip_HoldsTheFilteredExportAndItVerifies(AuditExportFormat format)
    {
        var (data, manifest) = await DownloadAsync(format, new AuditExportFilter { UserId = "alice", Action = AuditActions.QuestionAsked });

        using var key = _host.Keys.GetVerificationKey();
        var verification = await AuditExportVerifier.VerifyAsync(data, manifest, key);
        Assert.True(verification.Intact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        Assert.Equal(2, verification.Rows); // alice asks at i = 0 and 6
        Assert.Equal(1, verification.Manifest!.FirstSequence);
        Assert.Equal(7, verification.Manifest.LastSequence);
        Assert.Equal("local:carla", verification.Manifest.ExportedBy);
    }

    [Fact]
    public async Task ExportAsync_TamperedRow_FailsVerificationNamingTheRow()
    {
        var (data, manifest) = await DownloadAsync(AuditExportFormat.Csv, new AuditExportFilter());
        var text = await File.ReadAllTextAsync(data, Encoding.UTF8);
        await File.WriteAllTextAsync(data, text.Replace("ticket-4", "ticket-9", StringComparison.Ordinal), new UTF8Encoding(true));

        using var key = _host.Keys.GetVerificationKey();
        var verification = await AuditExportVerifier.VerifyAsync(data, manifest, key);

        Assert.False(verification.Intact);
        Assert.Equal(5, verification.FirstBadRow!.Sequence);
    }

    [Fact]
    public async Task ExportAsync_Export_RecordedAsExportedByTheOfficer()
    {
        await DownloadAsync(AuditExportFormat.Json, new AuditExportFilter { Action = AuditActions.AnswerGiven });

        var exported = Assert.Single(await _host.ReadAllAsync(), r => r.Event.Action == AuditActions.AuditExported);
        Assert.Equal("local:carla", exported.Event.Actor.Id);
        Assert.Equal("203.0.113.5", exported.Event.ClientAddress);
        Assert.Contains("\"action\":\"answer.given\"", exported.Event.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Employee")]
    [InlineData("Admin")]
    public async Task ExportAsync_NotAComplianceOfficer_RefusedAndNothingExported(string role)
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => Downloads.ExportAsync(AuditWorkspaceServices.Principal("x", role), new AuditExportFilter(), AuditExportFormat.Csv, "local"));

        Assert.DoesNotContain(await _host.ReadAllAsync(), r => r.Event.Action == AuditActions.AuditExported);
    }

    [Fact]
    public async Task Dispose_Download_DeletesTheTemporaryFiles()
    {
        var download = await Downloads.ExportAsync(AuditWorkspaceServices.Compliance, new AuditExportFilter(), AuditExportFormat.Csv, "local");
        var folder = Path.GetDirectoryName(download.Result.OutputPath)!;
        Assert.True(File.Exists(download.Result.ManifestPath));

        download.Dispose();

        Assert.False(Directory.Exists(folder));
    }

    private async Task<(string Data, string Manifest)> DownloadAsync(AuditExportFormat format, AuditExportFilter filter)
    {
        using var download = await Downloads.ExportAsync(AuditWorkspaceServices.Compliance, filter, format, "203.0.113.5");
        using var zip = new MemoryStream();
        await download.WriteZipAsync(zip);
        zip.Position = 0;
        return await ExportZip.ExtractAsync(zip, _host.Combine("unzipped-" + Guid.NewGuid().ToString("N")));
    }
}
