using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Audit;
using Rag.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Rag.Audit.Tests;

/// <summary>
/// One real audit log of <see cref="Count"/> varied records, built once per test class; each test damages a copy of it
/// (<see cref="CopyTo"/>). Checkpoints fall after the first batch and then every 1000 records: 250, 1250, …, 10250, 10300.
/// </summary>
public sealed class TamperFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Records in the log.</summary>
    public const int Count = 10_300;

    /// <summary>Records per append (one transaction, one time stamp).</summary>
    public const int BatchSize = 250;

    /// <summary>Time between two batches.</summary>
    public static readonly TimeSpan BatchSpacing = TimeSpan.FromMinutes(10);

    /// <summary>The first batch's time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Actions =
    [
        AuditActions.QuestionAsked, AuditActions.ChunksRetrieved, AuditActions.AnswerGiven, AuditActions.DocumentIndexed,
        AuditActions.DocumentRemoved, AuditActions.PermissionChanged, AuditActions.SignIn, AuditActions.EgressBlocked, AuditActions.AuditRead,
    ];

    private static readonly string[] Outcomes = [AuditOutcomes.Ok, AuditOutcomes.Answered, AuditOutcomes.NothingFound, AuditOutcomes.Denied, AuditOutcomes.Failed];

    private static readonly AuditActor[] Actors =
    [
        new("0f8a-alice", "Alice Ärztin", ["staff", "cardiology"], ["reader"]),
        new("1b2c-bob", "Bob", ["staff"], ["reader", "admin"]),
        new("77aa-carol", "Carol 日本", [], ["compliance"]),
        AuditActor.System,
    ];

    private readonly TempDirectory _directory = new();

    /// <summary>The log's data directory (audit.db, checkpoint file, key pair). Never damage it: copy it first.</summary>
    public string DataDirectory => _directory.Path;

    /// <summary>Every record, as appended.</summary>
    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    /// <summary>The signed checkpoints, in file order.</summary>
    public IReadOnlyList<AuditCheckpoint> Checkpoints { get; private set; } = [];

    /// <summary>The record at <paramref name="sequence"/>.</summary>
    public AuditRecord this[long sequence] => Records[(int)sequence - 1];

    /// <summary>A varied, realistic event (optional fields sometimes missing, several targets, non-ASCII text).</summary>
    public static AuditEvent EventFor(int index)
    {
        var targets = Enumerable.Range(0, index % 4).Select(t => $"doc-{(index * 7 + t) % 97}#chunk-{t}").ToArray();
        return new AuditEvent(Actions[index % Actions.Length], Actors[index % Actors.Length], targets, Outcomes[index % Outcomes.Length])
        {
            Detail = index % 5 == 0 ? null : $$"""{"question":"Wie hoch ist die Dosis {{index}}?","scores":[0.{{index % 97}},0.5]}""",
            CorrelationId = index % 3 == 0 ? null : "corr-" + (index / 3).ToString("x6", System.Globalization.CultureInfo.InvariantCulture),
            ClientAddress = index % 4 == 3 ? AuditContext.LocalClient : "10.0.0." + (index % 250),
            ModelId = index % 2 == 0 ? "bge-m3" : null,
            ModelVersion = index % 2 == 0 ? "sha256:" + (index % 13) : null,
        };
    }

    /// <summary>Options the fixture's log was written with (checkpoints by count only, after the first batch).</summary>
    public static AuditOptions Options() => new() { CheckpointEveryRecords = 1000, CheckpointInterval = TimeSpan.FromDays(1), RetentionPeriod = TimeSpan.FromDays(1) };

    /// <summary>Copies the data directory (database, checkpoint file, key pair) to <paramref name="directory"/>.</summary>
    public void CopyTo(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(DataDirectory))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The checkpoint number and sequence of the first checkpoint at or after <paramref name="sequence"/>.</summary>
    public AuditCheckpoint FirstCheckpointAtOrAfter(long sequence) => Checkpoints.First(c => c.Sequence >= sequence);

    /// <summary>The last checkpoint strictly before <paramref name="sequence"/>, or null.</summary>
    public AuditCheckpoint? LastCheckpointBefore(long sequence) => Checkpoints.LastOrDefault(c => c.Sequence < sequence);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var records = new List<AuditRecord>(Count);
        string checkpointPath;
        await using (var log = AuditTestLogs.Create(DataDirectory, Options(), clock))
        {
            checkpointPath = log.Checkpoints.Path;
            for (var first = 0; first < Count; first += BatchSize)
            {
                var batch = Enumerable.Range(first, Math.Min(BatchSize, Count - first)).Select(EventFor).ToList();
                records.AddRange(await log.AppendAsync(batch));
                clock.Advance(BatchSpacing);
            }
        }

        Records = records;
        Checkpoints = (await File.ReadAllLinesAsync(checkpointPath)).Select(l => AuditCheckpointLine.TryParse(l, out _)!).ToList();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _directory.Dispose();
}
