using System.Diagnostics;
using Rag.Processes.Tests.Fixtures;
using Xunit.Abstractions;

namespace Rag.Processes.Tests.Visibility;

/// <summary>
/// Issue 14's two-process test: a running web app (its own process, dense retrieval only, so the answer depends on its
/// in-memory vectors) cites a document within 2 s of another process (the built <c>rag ingest</c>) indexing it, and
/// stops citing it within 2 s of its removal by a third (<c>rag documents remove</c>), without a restart.
/// </summary>
public sealed class TwoProcessVisibilityTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    private const string Question = "When does the zebra migration survey in Namibia take place?";

    private readonly Deployment _deployment = new();
    private readonly ITestOutputHelper _output;

    public TwoProcessVisibilityTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task WebApp_DocumentIngestedThenRemovedByOtherProcesses_CitedWithinTwoSecondsThenNotWithinTwoSeconds()
    {
        var baseline = _deployment.Folder("baseline");
        await File.WriteAllTextAsync(Path.Combine(baseline, "coffee.md"), "# Coffee machine\n\nThe office coffee machine is descaled every Monday morning by the facilities team.\n");
        await _deployment.RunCliAsync("ingest", baseline, "--set", "baseline", "--groups", "staff");
        var key = await _deployment.CreateApiKeyAsync("reader", "staff");
        await using var web = await WebReader.StartAsync(_deployment, key, new Dictionary<string, string> { ["Rag__Retrieval__Mode"] = "Dense" });
        Assert.DoesNotContain(await web.CitedPathsAsync(Question), p => p.EndsWith("zebra-survey.md", StringComparison.Ordinal));

        var added = _deployment.Folder("added");
        await File.WriteAllTextAsync(
            Path.Combine(added, "zebra-survey.md"),
            "# Zebra migration survey\n\nThe zebra migration survey in Namibia takes place every March, when the herds cross the Etosha pan.\n");
        await _deployment.RunCliAsync("ingest", added, "--set", "baseline", "--groups", "staff");
        var ingested = Stopwatch.StartNew();
        var found = await WaitForAsync(web, cited: true);
        Assert.True(found < Within, $"The web app cited the new document only after {found.TotalMilliseconds:F0} ms (ingest ended {ingested.Elapsed.TotalMilliseconds:F0} ms ago).\n{web.Output}");

        // Removal by another process: the built `rag documents remove`.
        await _deployment.RunCliAsync("documents", "remove", "zebra-survey.md", "--set", "baseline");
        var gone = await WaitForAsync(web, cited: false);
        _output.WriteLine($"cited {found.TotalMilliseconds:F0} ms after rag ingest exited; not cited {gone.TotalMilliseconds:F0} ms after rag documents remove exited");
        Assert.True(gone < Within, $"The web app still cited the removed document after {gone.TotalMilliseconds:F0} ms.");
    }

    public void Dispose() => _deployment.Dispose();

    /// <summary>How long until the answer's citations do (or do not) name zebra-survey.md; gives up after 15 s.</summary>
    private static async Task<TimeSpan> WaitForAsync(WebReader web, bool cited)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var paths = await web.CitedPathsAsync(Question);
            if (paths.Any(p => p.EndsWith("zebra-survey.md", StringComparison.Ordinal)) == cited)
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }
}
