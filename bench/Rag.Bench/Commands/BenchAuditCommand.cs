using System.CommandLine;
using System.Globalization;
using Rag.Bench.Audit;
using Rag.Cli;
using Rag.Cli.Output;
using Rag.Evaluation.Reporting;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary>
/// <c>rag bench audit [--records 1000000] [--queries 50] [--batch 1000] [--appends 500] [--seed 42] [--json PATH] [--keep DIR]</c>:
/// the audit trail at scale: fill, single appends, full verification and the compliance query mix.
/// </summary>
internal static class BenchAuditCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file (default: print the tables only)." };
        var records = new Option<int>("--records") { Description = "Records written before measuring.", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "Timed queries per query shape.", DefaultValueFactory = _ => 50 };
        var batch = new Option<int>("--batch") { Description = "Records per batched append while filling (each batch gets one time).", DefaultValueFactory = _ => 1_000 };
        var appends = new Option<int>("--appends") { Description = "Timed single-record appends after the fill.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic trail and the query parameters.", DefaultValueFactory = _ => 42 };
        var keep = new Option<string?>("--keep") { Description = "Fill this (empty or new) data directory and keep it afterwards (default: a temporary one, deleted)." };
        var command = new Command("audit", "Audit trail at N records: fill rate, single-append latency, full verification time, compliance query p50/p95/p99.")
        {
            json, records, queries, batch, appends, seed, keep,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kept = parse.GetValue(keep);
            var directory = Path.GetFullPath(kept ?? Path.Combine(Path.GetTempPath(), "rag-bench-audit-" + Guid.NewGuid().ToString("N")[..12]));
            var options = new AuditBenchmarkOptions(
                directory,
                parse.GetValue(records),
                parse.GetValue(queries),
                parse.GetValue(batch),
                parse.GetValue(appends),
                Seed: parse.GetValue(seed),
                Keep: kept is not null);
            var result = await AuditBenchmark.RunAsync(options, RunEnvironment.Capture(context.Paths.Home), new SynchronousProgress(context.Error), cancellationToken);

            Print(context.Console, result, options);
            if (parse.GetValue(json) is { } path)
            {
                await ResultFileOutput.WriteAsync(context.Console, path, result, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, AuditBenchmarkResult result, AuditBenchmarkOptions options)
    {
        var p = result.Parameters;
        console.MarkupLine(
            $"[bold]bench audit[/]: {p.Records:N0} records over {p.SpanDays:F0} days, {p.Users} users, {p.Documents:N0} documents; " +
            $"{result.Environment.LogicalCores} cores, {Markup.Escape(result.Environment.Cpu)}" +
            (options.Keep ? $"; data kept in {Markup.Escape(options.WorkDirectory)}" : string.Empty));

        var (fill, append, disk, verify) = (result.Fill, result.Append, result.Storage, result.Verify);
        var write = new Table().AddColumns("write", "figure");
        write.AddRow("fill", $"{fill.Records:N0} records in {fill.Batches:N0} batches: {F(fill.Seconds, 1)} s, {F(fill.RecordsPerSecond, 0)} records/s (batch p50 {F(fill.Batch.P50Ms, 1)} ms)");
        write.AddRow("single append", $"p50 {F(append.Latency.P50Ms, 2)} / p95 {F(append.Latency.P95Ms, 2)} / p99 {F(append.Latency.P99Ms, 2)} / max {F(append.Latency.MaxMs, 2)} ms ({append.Appends} appends)");
        write.AddRow("checkpoint", $"p50 {F(append.Checkpoint.P50Ms, 2)} / max {F(append.Checkpoint.MaxMs, 2)} ms ({append.Checkpoint.Queries} checkpoints)");
        write.AddRow("audit.db", $"{disk.DatabaseBytes / 1048576.0:F0} MiB, {F(disk.BytesPerRecord, 0)} bytes/record; {disk.Checkpoints:N0} checkpoints ({disk.CheckpointFileBytes / 1024.0:F0} KiB)");
        write.AddRow(
            "verify",
            $"{(verify.Intact ? "intact" : "DAMAGED")}: {verify.RecordsChecked:N0} records in {F(verify.Seconds, 1)} s, {F(verify.RecordsPerSecond, 0)} records/s; " +
            $"{verify.CheckpointsMatched:N0} checkpoints matched; target index {F(verify.TargetIndexSeconds, 1)} s; peak working set {verify.PeakWorkingSetBytes / 1048576.0:F0} MiB");
        console.Write(write);

        var latency = new Table().AddColumns("query", "p50 ms", "p95 ms", "p99 ms", "max ms", "rows", "empty");
        foreach (var q in result.Queries)
        {
            latency.AddRow(q.Shape, F(q.Latency.P50Ms, 1), F(q.Latency.P95Ms, 1), F(q.Latency.P99Ms, 1), F(q.Latency.MaxMs, 1), F(q.MeanRecords, 0), q.EmptyPages.ToString(CultureInfo.InvariantCulture));
        }

        var all = result.QueryOverall;
        latency.AddRow("[bold]all[/]", F(all.P50Ms, 1), F(all.P95Ms, 1), F(all.P99Ms, 1), F(all.MaxMs, 1), string.Empty, string.Empty);
        console.Write(latency);

        var t = result.Targets;
        console.MarkupLine($"Targets: verify < {t.VerifySecondsMax:F0} s {Met(t.VerifyMet)}; query p95 < {t.QueryP95MsMax:F0} ms {Met(t.QueryP95Met)}" +
            (t.ShapesOverQueryP95Max.Count > 0 ? $" (shapes over it: {Markup.Escape(string.Join(", ", t.ShapesOverQueryP95Max))})" : string.Empty));
    }

    private static string Met(bool met) => met ? "[green]met[/]" : "[red]not met[/]";

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Reports on the calling thread at once (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
