using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rag.Processes.Tests.Fixtures;
using Rag.Processes.Tests.Integrity;
using Xunit.Abstractions;

namespace Rag.Processes.Tests.Kill;

/// <summary>
/// Issue 14's kill test: the built <c>rag ingest</c> (which enqueues and, with no worker running, runs the worker
/// in-process) is killed with SIGKILL at
/// 20 random points (a seeded <see cref="Random"/>, spread over a clean run's duration) while it ingests a
/// multi-document set, and started again each time; a last run finishes. Then rag.db holds every document with the
/// chunk counts of a clean run, every document's latest job indexed (or failed/skipped with a reason), and no orphaned
/// or duplicate row in the catalog, vector or keyword index.
/// </summary>
/// <remarks>
/// When the worker host lands (<c>rag ingest --no-wait</c>, then <c>rag worker</c>), the process killed becomes the
/// worker; the checks stay the same.
/// </remarks>
public sealed class IngestKillTests : IDisposable
{
    private const int Kills = 20;
    private const int Documents = 6;

    private readonly ITestOutputHelper _output;
    private readonly Deployment _clean = new();
    private readonly Deployment _killed = new();

    public IngestKillTests(ITestOutputHelper output)
    {
        _output = output;
        foreach (var deployment in (Deployment[])[_clean, _killed])
        {
            // A killed worker's lease lapses in 3 s (default 2 min); kills are crashes, not faulty documents, so they
            // do not use up the attempts that park a document as failed.
            deployment.Environment["Rag__Ingestion__Worker__LeaseDuration"] = "00:00:03";
            deployment.Environment["Rag__Ingestion__Worker__HeartbeatInterval"] = "00:00:01";
            deployment.Environment["Rag__Ingestion__Worker__PollInterval"] = "00:00:00.200";
            deployment.Environment["Rag__Ingestion__Worker__RetryBackoff"] = "00:00:00";
            deployment.Environment["Rag__Ingestion__Worker__MaxAttempts"] = "100";
        }
    }

    [Fact]
    public async Task Ingest_KilledTwentyTimesAndRestarted_EndsLikeACleanRunWithoutOrphansOrDuplicates()
    {
        var cleanFolder = WriteDocuments(_clean.Folder("manuals"));
        var clock = Stopwatch.StartNew();
        await _clean.RunCliAsync(Ingest(cleanFolder));
        var cleanDuration = clock.Elapsed;
        clock.Restart();
        await _clean.RunCliAsync(Ingest(cleanFolder));
        var startup = clock.Elapsed; // Nothing changed: start-up, hashing and the summary only.
        var work = cleanDuration - startup;
        _output.WriteLine($"clean run {cleanDuration.TotalMilliseconds:F0} ms, of which start-up {startup.TotalMilliseconds:F0} ms");
        var expected = IndexIntegrity.Check(_clean.DatabasePath);
        Assert.True(expected.IsClean, expected.ToString());
        Assert.Equal(Documents, expected.ChunksPerDocument.Count);

        var folder = WriteDocuments(_killed.Folder("manuals"));
        var random = new Random(14);
        var killedWhileRunning = 0;
        var scale = 1.0;
        for (var i = 0; i < Kills; i++)
        {
            await using var run = _killed.StartCli(Ingest(folder));
            // Anywhere from late start-up (enqueueing, claiming) into the ingest (a sixteenth of its work per run on
            // average): a run that finished the set exits early, so the kills must come before its natural end.
            // The clean run's timings were taken under whatever load the machine had then: a run that ended before
            // its kill shortens the next delays, so the kills keep landing inside runs as the load changes.
            await Task.Delay((startup * (0.4 + 0.5 * random.NextDouble()) + work * (random.NextDouble() / 8)) * scale);
            if (!run.HasExited)
            {
                killedWhileRunning++;
            }
            else
            {
                scale *= 0.6;
            }

            await run.KillAsync();
        }

        clock.Restart();
        await _killed.RunCliAsync(Ingest(folder));
        _output.WriteLine($"{killedWhileRunning} of {Kills} kills hit a running ingest; the last run took {clock.Elapsed.TotalMilliseconds:F0} ms");
        var actual = IndexIntegrity.Check(_killed.DatabasePath);

        Assert.True(actual.IsClean, actual.ToString());
        Assert.Empty(IndexIntegrity.UnfinishedJobs(_killed.DatabasePath));
        Assert.Equal(expected.ChunksPerDocument, actual.ChunksPerDocument);
        Assert.True(killedWhileRunning >= Kills / 2, $"Only {killedWhileRunning} of {Kills} kills hit a running ingest.");
    }

    public void Dispose()
    {
        _clean.Dispose();
        _killed.Dispose();
    }

    private static string[] Ingest(string folder) => ["ingest", folder, "--set", "manuals", "--groups", "staff"];

    /// <summary>Small Markdown manuals of several chunks each, the same text in every deployment.</summary>
    private static string WriteDocuments(string folder)
    {
        for (var d = 0; d < Documents; d++)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# Manual {d}\n\n");
            for (var section = 0; section < 4; section++)
            {
                text.Append(CultureInfo.InvariantCulture, $"## Section {section}\n\n");
                for (var sentence = 0; sentence < 12; sentence++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"Manual {d} section {section} explains step {sentence} of configuring device model {d * 100 + section} with care. ");
                }

                text.Append("\n\n");
            }

            File.WriteAllText(Path.Combine(folder, $"manual-{d}.md"), text.ToString());
        }

        return folder;
    }
}
