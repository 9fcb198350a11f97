using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Core;
using Rag.Core.Access;
using Rag.Core.Audit;
using Rag.Storage;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;
using Xunit.Abstractions;
using Rag.Audit;

namespace Rag.Web.Tests.Authentication;

/// <summary>A client without a key cannot fill the disk through the audit trail, and every refusal is still counted there.</summary>
public sealed class DeniedSignInLimitsTests(ITestOutputHelper output) : IDisposable
{
    private const int Requests = 300;
    private const int PathChars = 3000;

    // 300 refusals with 3,000-character paths wrote about 1 MB to audit.db before the bound; after it, ten records
    // (paths cut to 256 characters) and one summary: a few pages.
    private const long MaxGrowthBytes = 64 * 1024;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task UnauthenticatedFlood_LongPaths_GrowsAuditDbByLittleAndRecordsTheCount()
    {
        var data = _temp.Combine("data");
        var settings = ApiFixture.Keys(("reader", ApiKeys.Create("reader"), "team-a"));
        settings["Rag:Api:DeniedSignInWindow"] = "01:00:00";
        await (await RunningApp.StartAsync(data, settings)).DisposeAsync();
        var before = new FileInfo(Path.Combine(data, "audit.db")).Length;

        await using (var app = await RunningApp.StartAsync(data, settings))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
            {
                var path = "v1/" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('x', PathChars - 8);
                using var response = await app.Http.GetAsync(path, cancellationToken);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            });
        }

        var growth = new FileInfo(Path.Combine(data, "audit.db")).Length - before;
        var denied = await DeniedRecordsAsync(data);

        output.WriteLine($"audit.db grew by {growth} bytes for {Requests} refused requests with {PathChars}-character paths.");
        Assert.True(growth < MaxGrowthBytes, $"audit.db grew by {growth} bytes for {Requests} refused requests (bound {MaxGrowthBytes}).");
        var single = denied.Where(d => !IsSummary(d)).ToList();
        var summaries = denied.Where(IsSummary).ToList();
        Assert.Equal(10, single.Count);
        var summary = Assert.Single(summaries);
        Assert.Equal(Requests - single.Count, summary.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(Requests, single.Count + summaries.Sum(s => s.RootElement.GetProperty("count").GetInt64()));
        Assert.All(single, d =>
        {
            Assert.Equal(256, d.RootElement.GetProperty("path").GetString()!.Length);
            Assert.Equal(PathChars, d.RootElement.GetProperty("pathLength").GetInt32());
        });
    }

    [Fact]
    public async Task RepeatedRefusals_WindowEnds_SummaryRecordedWithoutAnotherRequest()
    {
        var data = _temp.Combine("data");
        var settings = ApiFixture.Keys(("reader", ApiKeys.Create("reader"), "team-a"));
        settings["Rag:Api:DeniedSignInWindow"] = "00:00:01";
        settings["Rag:Api:DeniedSignInsRecordedPerAddress"] = "2";
        await using var app = await RunningApp.StartAsync(data, settings);
        var audit = app.Services.GetRequiredService<IAuditLog>();
        var started = DateTimeOffset.UtcNow;

        for (var i = 0; i < 12; i++)
        {
            using var response = await app.Http.GetAsync("v1/models");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Requests may straddle a window boundary: count until all twelve are on record, by the summaries' counts.
        long total = 0;
        while (DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(20))
        {
            var page = await audit.QueryAsync(new AuditQuery { Action = AuditActions.SignIn, Outcome = AuditOutcomes.Denied, PageSize = AuditQuery.MaxPageSize });
            total = page.Records.Sum(r => IsSummary(r.Event.Detail) ? Details(r.Event.Detail).RootElement.GetProperty("count").GetInt64() : 1);
            if (total == 12)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(12, total);
    }

    [Fact]
    public async Task RequestLineOverTheLimit_Is414AndWritesNothing()
    {
        var data = _temp.Combine("data");
        var settings = ApiFixture.Keys(("reader", ApiKeys.Create("reader"), "team-a"));
        await using var app = await RunningApp.StartAsync(data, settings);
        var audit = app.Services.GetRequiredService<IAuditLog>();
        var before = (await audit.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize })).Records.Count;

        using var response = await app.Http.GetAsync("v1/" + new string('x', 5000));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(before, (await audit.QueryAsync(new AuditQuery { PageSize = AuditQuery.MaxPageSize })).Records.Count);
    }

    public void Dispose() => _temp.Dispose();

    private static bool IsSummary(JsonDocument detail) => detail.RootElement.TryGetProperty("summary", out var s) && s.GetBoolean();

    private static bool IsSummary(string? detail) => detail is not null && IsSummary(Details(detail));

    private static JsonDocument Details(string? detail) => JsonDocument.Parse(detail ?? "{}");

    /// <summary>The details of every denied sign-in in the data directory's audit trail, read by a process of its own.</summary>
    private static async Task<List<JsonDocument>> DeniedRecordsAsync(string data)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = data,
        }).Build();
        await using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRagCore(configuration)
            .AddRagStorage(configuration)
            .AddRagAudit(configuration)
            .BuildServiceProvider();
        var page = await provider.GetRequiredService<IAuditLog>()
            .QueryAsync(new AuditQuery { Action = AuditActions.SignIn, Outcome = AuditOutcomes.Denied, PageSize = AuditQuery.MaxPageSize });
        return [.. page.Records.Select(r => Details(r.Event.Detail))];
    }
}
