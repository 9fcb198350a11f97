using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rag.Bench.Embed;
using Rag.Bench.Query;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Audit.Verification;
using Rag.Evaluation.Reporting;
using Rag.Storage;
using Rag.Audit;

namespace Rag.Bench.Audit;

/// <summary>
/// The audit trail at scale, on the real <see cref="SqliteAuditLog"/> in a fresh data directory: fill it with a
/// synthetic trail in batches, time single-record appends on the full log, verify the whole chain against the signed
/// checkpoints with the public key (as an auditor would), then time a fixed mix of compliance queries.
/// A verification that finds damage is a bug, so it fails the run.
/// </summary>
public static class AuditBenchmark
{
    private const int CheckpointEveryAppends = 50;

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears one line per phase and per 10 % of the fill.</summary>
    public static async Task<AuditBenchmarkResult> RunAsync(AuditBenchmarkOptions options, RunEnvironment environment, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WorkDirectory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Records, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Appends, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueriesPerShape, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PageSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, AuditQuery.MaxPageSize, nameof(options));
        if (Directory.Exists(options.WorkDirectory) && Directory.EnumerateFileSystemEntries(options.WorkDirectory).Any())
        {
            throw new InvalidOperationException($"The work directory '{options.WorkDirectory}' is not empty; the benchmark needs a fresh one.");
        }

        var storage = Options.Create(new StorageOptions { DataDirectory = options.WorkDirectory });
        var audit = Options.Create(new AuditOptions());
        try
        {
            var trail = new SyntheticAuditTrail(options.Seed, options.Users, options.Documents);
            var clock = new FakeTimeProvider(AuditBenchmarkOptions.Start);
            AuditFillResult fill;
            AuditAppendResult append;
            DateTimeOffset lastFillTime;
            using (var keys = new AuditKeyProvider(audit, storage, NullLogger<AuditKeyProvider>.Instance))
            {
                // Disposing the log signs its last records, as a service that shuts down does.
                await using var log = new SqliteAuditLog(storage, audit, keys, NullLogger<SqliteAuditLog>.Instance, clock);
                progress?.Report($"filling {options.Records:N0} records in batches of {options.BatchSize:N0}");
                fill = await FillAsync(log, trail, clock, options, progress, cancellationToken);
                lastFillTime = clock.GetUtcNow();
                progress?.Report($"{options.Appends:N0} single-record appends");
                append = await AppendAsync(log, trail, clock, options.Appends, cancellationToken);
            }

            var records = (long)options.Records + options.Appends;
            var disk = MeasureStorage(options.WorkDirectory, records, audit.Value);
            using var readerKeys = new AuditKeyProvider(audit, storage, NullLogger<AuditKeyProvider>.Instance);
            await using var reader = new SqliteAuditLog(storage, audit, readerKeys, NullLogger<SqliteAuditLog>.Instance, TimeProvider.System);
            progress?.Report($"verifying {records:N0} records");
            var verify = await VerifyAsync(reader, options.WorkDirectory, records, cancellationToken);
            progress?.Report($"querying: {options.QueriesPerShape} per shape");
            var shapes = AuditQueryMix.Create(trail.UserIds, trail.DocumentIds, AuditBenchmarkOptions.Start, lastFillTime, options.PageSize);
            var (queries, overall) = await QueryAsync(reader, shapes, options, cancellationToken);

            var parameters = new AuditBenchmarkParameters(
                options.Records,
                options.BatchSize,
                options.Appends,
                options.QueriesPerShape,
                options.PageSize,
                options.Users,
                options.Documents,
                options.Seed,
                AuditBenchmarkOptions.Start,
                options.EffectiveSpan.TotalDays,
                audit.Value.CheckpointEveryRecords,
                "synthetic: question/retrieval/answer triples (8 chunk ids + their document ids), sign-ins, ingestion, permission changes, audit reads, blocked egress; Zipf users and documents; each batch stamped with one time, spread evenly over the span",
                "SqliteAuditLog as shipped: WAL, synchronous=FULL, one transaction per append; checkpoint file flushed to disk");
            var targets = new AuditBenchmarkTargets(
                AuditBenchmarkOptions.VerifySecondsMax,
                AuditBenchmarkOptions.QueryP95MsMax,
                verify.Seconds < AuditBenchmarkOptions.VerifySecondsMax,
                overall.P95Ms < AuditBenchmarkOptions.QueryP95MsMax,
                [.. queries.Where(q => q.Latency.P95Ms >= AuditBenchmarkOptions.QueryP95MsMax).Select(q => q.Shape)]);
            return new AuditBenchmarkResult("audit", environment, parameters, fill, append, disk, verify, queries, overall, targets);
        }
        finally
        {
            if (!options.Keep)
            {
                ScratchDirectory.TryDelete(options.WorkDirectory);
            }
        }
    }

    private static async Task<AuditFillResult> FillAsync(SqliteAuditLog log, SyntheticAuditTrail trail, FakeTimeProvider clock, AuditBenchmarkOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var batch = new List<AuditEvent>(options.BatchSize);
        var byAction = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var batchMillis = new List<double>(options.Records / options.BatchSize + 1);
        var inAppends = 0L;
        var step = Math.Max(1, options.Records / 10);
        var started = Stopwatch.GetTimestamp();
        for (var written = 0; written < options.Records;)
        {
            var count = Math.Min(options.BatchSize, options.Records - written);
            batch.Clear();
            trail.NextBatch(batch, count);
            foreach (var auditEvent in batch)
            {
                byAction[auditEvent.Action] = byAction.GetValueOrDefault(auditEvent.Action) + 1;
            }

            clock.SetUtcNow(AuditBenchmarkOptions.Start + (options.EffectiveSpan * ((double)written / options.Records)));
            var appending = Stopwatch.GetTimestamp();
            await log.AppendAsync(batch, cancellationToken);
            var elapsed = Stopwatch.GetTimestamp() - appending;
            inAppends += elapsed;
            batchMillis.Add(elapsed * 1000d / Stopwatch.Frequency);
            if ((written + count) / step > written / step)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {written + count:N0} written, {(written + count) / ((double)inAppends / Stopwatch.Frequency):N0} records/s"));
            }

            written += count;
        }

        var seconds = (double)inAppends / Stopwatch.Frequency;
        return new AuditFillResult(
            options.Records,
            batchMillis.Count,
            seconds,
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            options.Records / seconds,
            LatencySummary.Of(batchMillis),
            byAction);
    }

    private static async Task<AuditAppendResult> AppendAsync(SqliteAuditLog log, SyntheticAuditTrail trail, FakeTimeProvider clock, int appends, CancellationToken cancellationToken)
    {
        var start = clock.GetUtcNow();
        var millis = new List<double>(appends);
        var checkpointMillis = new List<double>();
        for (var i = 0; i < appends; i++)
        {
            var auditEvent = trail.Next();
            clock.SetUtcNow(start + TimeSpan.FromSeconds(i + 1));
            var started = Stopwatch.GetTimestamp();
            await log.AppendAsync(auditEvent, cancellationToken);
            millis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if ((i + 1) % CheckpointEveryAppends == 0 || i == appends - 1)
            {
                started = Stopwatch.GetTimestamp();
                await log.CheckpointAsync(cancellationToken);
                checkpointMillis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return new AuditAppendResult(appends, LatencySummary.Of(millis), LatencySummary.Of(checkpointMillis));
    }

    private static AuditStorageResult MeasureStorage(string directory, long records, AuditOptions audit)
    {
        var databaseBytes = Directory.EnumerateFiles(directory, SqliteAuditLog.FileName + "*").Sum(f => new FileInfo(f).Length);
        var checkpointFile = audit.CheckpointFile ?? Path.Combine(directory, AuditCheckpointFile.DefaultFileName);
        var checkpoints = File.Exists(checkpointFile) ? File.ReadLines(checkpointFile).Count(l => l.Length > 0) : 0;
        var checkpointBytes = File.Exists(checkpointFile) ? new FileInfo(checkpointFile).Length : 0;
        return new AuditStorageResult(records, databaseBytes, (double)databaseBytes / records, checkpoints, checkpointBytes);
    }

    private static async Task<AuditVerifyResult> VerifyAsync(SqliteAuditLog reader, string directory, long expectedRecords, CancellationToken cancellationToken)
    {
        ProcessMemory.Collect();
        var before = ProcessMemory.WorkingSet();
        var peakReset = ProcessMemory.TryResetPeak();
        var started = Stopwatch.GetTimestamp();

        // What an auditor holds: the checkpoint file and the public key, never the private one.
        var lines = await reader.Checkpoints.ReadLinesAsync(cancellationToken);
        using var key = AuditKey.FromPem(await File.ReadAllTextAsync(Path.Combine(directory, AuditKeyProvider.DefaultPublicKeyFileName), cancellationToken));
        var report = await AuditVerifier.VerifyAsync(reader, lines, key, fromSequence: null, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peak = ProcessMemory.PeakWorkingSet();
        if (!report.Intact)
        {
            throw new InvalidOperationException("Verification of the benchmark's own, untouched log found damage (a bug): " + string.Join(" ", report.Damage.Select(d => $"[{d.Kind}] {d.Message}")));
        }

        if (report.RecordsChecked != expectedRecords || report.UncoveredRecords != 0)
        {
            throw new InvalidOperationException($"Verification checked {report.RecordsChecked:N0} records ({report.UncoveredRecords:N0} not covered by a checkpoint); the benchmark wrote {expectedRecords:N0}, all signed at close.");
        }

        // What `rag audit verify` does next: the target index (not chained) against the chained records.
        var indexStarted = Stopwatch.GetTimestamp();
        if (await reader.CheckTargetIndexAsync(cancellationToken) is { } indexDamage)
        {
            throw new InvalidOperationException("The benchmark's own target index disagrees with its records (a bug): " + indexDamage.Message);
        }

        var indexSeconds = Stopwatch.GetElapsedTime(indexStarted).TotalSeconds;
        return new AuditVerifyResult(
            report.Intact,
            seconds,
            indexSeconds,
            report.RecordsChecked,
            report.RecordsChecked / seconds,
            seconds * 1_000_000d / report.RecordsChecked,
            report.CheckpointsChecked,
            report.CheckpointsMatched,
            report.UncoveredRecords,
            before,
            peak,
            peakReset);
    }

    private static async Task<(List<AuditQueryShapeResult> Shapes, LatencySummary Overall)> QueryAsync(
        SqliteAuditLog reader, IReadOnlyList<AuditQueryShape> shapes, AuditBenchmarkOptions options, CancellationToken cancellationToken)
    {
        // One untimed query per shape first (JIT, statement paths), with parameters of its own.
        var warmup = new Random(options.Seed + 1);
        foreach (var shape in shapes)
        {
            await TimeAsync(reader, shape, shape.Next(warmup), cancellationToken);
        }

        // Round-robin over the shapes, so load from other processes hits them all alike.
        var random = new Random(options.Seed + 2);
        var samples = shapes.Select(_ => new List<(double Ms, int Records)>(options.QueriesPerShape)).ToList();
        for (var i = 0; i < options.QueriesPerShape; i++)
        {
            for (var s = 0; s < shapes.Count; s++)
            {
                samples[s].Add(await TimeAsync(reader, shapes[s], shapes[s].Next(random), cancellationToken));
            }
        }

        var results = shapes.Select((shape, s) => new AuditQueryShapeResult(
            shape.Name,
            shape.Description,
            LatencySummary.Of([.. samples[s].Select(x => x.Ms)]),
            samples[s].Average(x => x.Records),
            samples[s].Count(x => x.Records == 0))).ToList();
        return (results, LatencySummary.Of([.. samples.SelectMany(x => x).Select(x => x.Ms)]));
    }

    /// <summary>Reads <see cref="AuditQueryShape.Pages"/> pages (fewer when the results end) and times the last one.</summary>
    private static async Task<(double Ms, int Records)> TimeAsync(SqliteAuditLog reader, AuditQueryShape shape, AuditQuery query, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await reader.QueryAsync(query, cancellationToken);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (page >= shape.Pages || result.NextBefore is not { } before)
            {
                return (ms, result.Records.Count);
            }

            query = query with { Before = before };
        }
    }
}
