using System.CommandLine;
using System.Globalization;
using Rag.Bench.Query;
using Rag.Cli;
using Rag.Cli.Output;
using Rag.Evaluation.Reporting;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary>
/// <c>rag bench query [--json PATH] [--sizes 10000,100000,1000000] [--queries 200] [--warmups 20] [--warmup-seconds 1] [--limit 10] [--seed 42] [--work-dir DIR] [--keep]</c>:
/// retrieval latency over synthetic chunks against a bare exact scan of the same vectors.
/// </summary>
internal static class BenchQueryCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file (default: print the table only)." };
        var sizes = new Option<string>("--sizes") { Description = "Index sizes in chunks, comma-separated.", DefaultValueFactory = _ => "10000,100000,1000000" };
        var queries = new Option<int>("--queries") { Description = "Timed queries per kind and size.", DefaultValueFactory = _ => 200 };
        var warmups = new Option<int>("--warmups") { Description = "Untimed queries per kind and size.", DefaultValueFactory = _ => 20 };
        var warmupSeconds = new Option<double>("--warmup-seconds") { Description = "Warm-up also lasts at least this long per kind and size.", DefaultValueFactory = _ => 1.0 };
        var limit = new Option<int>("--limit") { Description = "Hits per search.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic corpus and queries.", DefaultValueFactory = _ => 42 };
        var workDirectory = new Option<string?>("--work-dir") { Description = "Throw-away data directory (default: a new folder under the system temp directory)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the data directory afterwards." };
        var command = new Command("query", "Dense, keyword and hybrid retrieval latency p50/p95/p99 at growing synthetic index sizes vs a bare exact scan.")
        {
            json, sizes, queries, warmups, warmupSeconds, limit, seed, workDirectory, keep,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(workDirectory)
                ?? Path.Combine(Path.GetTempPath(), "rag-bench-query-" + Guid.NewGuid().ToString("N")[..12]));
            var options = new QueryBenchOptions(
                BenchEmbedCommand.ParseInts(parse.GetValue(sizes)),
                directory,
                parse.GetValue(queries),
                parse.GetValue(warmups),
                parse.GetValue(limit),
                parse.GetValue(seed),
                Keep: parse.GetValue(keep),
                WarmupTime: TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(warmupSeconds))));
            var result = await QueryBenchmark.RunAsync(options, RunEnvironment.Capture(context.Paths.Home), new SynchronousProgress(context.Error), cancellationToken);

            Print(context.Console, result, options);
            if (parse.GetValue(json) is { } path)
            {
                await ResultFileOutput.WriteAsync(context.Console, path, result, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, QueryBenchResult result, QueryBenchOptions options)
    {
        var p = result.Parameters;
        console.MarkupLine(
            $"[bold]bench query[/]: {p.Dimensions}-d synthetic chunks, {p.Queries} queries per kind after {p.Warmups} warm-up, top {p.Limit}; " +
            $"{result.Environment.LogicalCores} cores, {Markup.Escape(result.Environment.Cpu)}" +
            (options.Keep ? $"; data kept in {Markup.Escape(options.WorkDirectory)}" : string.Empty));
        var latency = new Table().AddColumns("chunks", "search", "p50 ms", "p95 ms", "p99 ms", "ms per 1M");
        foreach (var s in result.Sizes)
        {
            var chunks = s.Chunks.ToString("N0", CultureInfo.InvariantCulture);
            latency.AddRow(chunks, "dense", F(s.Dense.P50Ms, 3), F(s.Dense.P95Ms, 3), F(s.Dense.P99Ms, 3), F(s.DenseMsPerMillionChunks, 1));
            latency.AddRow(chunks, "keyword", F(s.Keyword.P50Ms, 3), F(s.Keyword.P95Ms, 3), F(s.Keyword.P99Ms, 3), string.Empty);
            latency.AddRow(chunks, "hybrid", F(s.Hybrid.P50Ms, 3), F(s.Hybrid.P95Ms, 3), F(s.Hybrid.P99Ms, 3), string.Empty);
            latency.AddRow(chunks, "bare scan", F(s.BareScan.P50Ms, 3), F(s.BareScan.P95Ms, 3), F(s.BareScan.P99Ms, 3), F(s.BareMsPerMillionChunks, 1));
        }

        console.Write(latency);
        var sizes = new Table().AddColumns("chunks", "bare/dense", "load s", "load ch/s", "open s", "db B/ch", "WS B/ch", "heap B/ch");
        foreach (var s in result.Sizes)
        {
            sizes.AddRow(
                s.Chunks.ToString("N0", CultureInfo.InvariantCulture),
                F(s.BareToDenseRatio, 3),
                F(s.LoadSeconds, 1),
                F(s.LoadChunksPerSecond, 0),
                F(s.OpenSeconds, 2),
                F(s.DatabaseBytesPerChunk, 0),
                F(s.WorkingSetBytesPerChunk, 0),
                F(s.ManagedBytesPerChunk, 0));
        }

        console.Write(sizes);
        if (result.Growth.Count > 0)
        {
            var growth = new Table().AddColumns("step", "size x", "dense x (exp)", "keyword x (exp)", "hybrid x (exp)", "bare x (exp)");
            foreach (var g in result.Growth)
            {
                growth.AddRow(
                    $"{g.FromChunks:N0} → {g.ToChunks:N0}",
                    F(g.SizeFactor, 1),
                    $"{F(g.DenseFactor, 2)} ({F(g.DenseExponent, 2)})",
                    $"{F(g.KeywordFactor, 2)} ({F(g.KeywordExponent, 2)})",
                    $"{F(g.HybridFactor, 2)} ({F(g.HybridExponent, 2)})",
                    $"{F(g.BareFactor, 2)} ({F(g.BareExponent, 2)})");
            }

            console.Write(growth);
        }

        var k = result.KeywordFilter;
        console.MarkupLine(
            $"Keyword set filter: {k.Chunks:N0} chunks, {k.UnreadableChunks:N0} in a set the caller cannot read, all holding '{Markup.Escape(k.FrequentTerm)}'; " +
            $"p50 {F(k.Frequent.P50Ms, 3)} ms for it vs {F(k.Control.P50Ms, 3)} ms for control '{Markup.Escape(k.ControlTerm)}' ({k.ReadableMatches} readable matches each): " +
            $"ratio {F(k.MedianRatio, 2)}, difference {F(k.MedianDifferenceMs, 3)} ms.");
        console.MarkupLine($"Peak working set: {result.PeakWorkingSetBytes / 1048576.0:F0} MiB.");
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Reports on the calling thread at once (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
