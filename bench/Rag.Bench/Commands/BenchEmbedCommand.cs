using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Bench.Embed;
using Rag.Cli;
using Rag.Cli.Output;
using Rag.Evaluation.Reporting;
using Rag.Onnx.SentenceEmbeddings;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary>
/// <c>rag bench embed [--json PATH] [--corpus PATH] [--chunks N] [--batch-sizes 1,8,32,128] [--repetitions R] [--warmups W] [--min-tokens T]</c>:
/// embedder throughput through the full stack against a bare ONNX Runtime loop on the same batches.
/// </summary>
internal static class BenchEmbedCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file (default: print the table only)." };
        var corpus = new Option<string?>("--corpus") { Description = "A BEIR corpus.jsonl or a folder of .md/.txt files (default: ../shared/data/scifact/corpus.jsonl, else samples/)." };
        var chunks = new Option<int>("--chunks") { Description = "Chunks per pass.", DefaultValueFactory = _ => 512 };
        var batchSizes = new Option<string>("--batch-sizes") { Description = "Batch sizes, comma-separated.", DefaultValueFactory = _ => "1,8,32,128" };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed passes per batch size and path (median reported).", DefaultValueFactory = _ => 5 };
        var warmups = new Option<int>("--warmups") { Description = "Untimed passes per batch size and path.", DefaultValueFactory = _ => 1 };
        var minTokens = new Option<int>("--min-tokens") { Description = "Drop chunk windows shorter than this many tokens.", DefaultValueFactory = _ => 100 };
        var command = new Command("embed", "Embedder chunks/s and tokens/s through the full stack vs a bare InferenceSession.Run loop (target >= 0.9).")
        {
            json, corpus, chunks, batchSizes, repetitions, warmups, minTokens,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sizes = ParseInts(parse.GetValue(batchSizes));
            var options = new EmbedBenchOptions(sizes, parse.GetValue(repetitions), parse.GetValue(warmups));
            var source = parse.GetValue(corpus) ?? DefaultCorpus(context.Paths);
            var environment = RunEnvironment.Capture(context.Paths.Home);

            // One call must be one session run, so the generator's own batching must not split the largest batch.
            var overrides = new Dictionary<string, string?>(context.ConfigurationOverrides ?? new Dictionary<string, string?>())
            {
                ["Rag:Embedding:BatchSize"] = sizes.Max().ToString(CultureInfo.InvariantCulture),
            };
            await using var services = RagServices.Build(context.Paths, overrides);
            var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embeddingOptions = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var texts = await BenchChunkTexts.LoadAsync(
                source, parse.GetValue(chunks), services.GetRequiredService<Rag.Core.Embeddings.IEmbeddingTokenizer>(), parse.GetValue(minTokens), cancellationToken);
            using var bare = BareEmbeddingSession.Open(embeddingOptions);
            var result = await new EmbedBenchmark(generator, bare, embeddingOptions).RunAsync(texts, source, options, environment, cancellationToken);

            Print(context.Console, result);
            if (parse.GetValue(json) is { } path)
            {
                await ResultFileOutput.WriteAsync(context.Console, path, result, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    internal static IReadOnlyList<int> ParseInts(string? value)
    {
        var parts = CliContext.SplitList(value);
        var numbers = new List<int>(parts.Count);
        foreach (var part in parts)
        {
            if (!int.TryParse(part.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new ArgumentException($"'{part}' is not a positive whole number.");
            }

            numbers.Add(n);
        }

        return numbers.Count > 0 ? numbers : throw new ArgumentException("Give at least one number.");
    }

    private static string DefaultCorpus(RagPaths paths)
    {
        var scifact = Path.GetFullPath(Path.Combine(paths.Home, "..", "shared", "data", "scifact", "corpus.jsonl"));
        return File.Exists(scifact) ? scifact : Path.Combine(paths.Home, "samples");
    }

    private static void Print(IAnsiConsole console, EmbedBenchResult result)
    {
        var p = result.Parameters;
        console.MarkupLine(
            $"[bold]bench embed[/]: {Markup.Escape(p.Model)} ({p.Dimensions}-d), {p.Chunks} chunks, {p.MeanTokensPerChunk:F1} tokens/chunk (at most {p.MaxTokens}), {p.MeanCharactersPerChunk:F0} chars/chunk, " +
            $"median of {p.Repetitions} passes after {p.Warmups} warm-up; {result.Environment.LogicalCores} cores, {Markup.Escape(result.Environment.Cpu)}");
        var table = new Table().AddColumns(
            "batch", "chunks/s", "bare chunks/s", "ratio", "tokens/s", "bare tokens/s", "chars/s", "alloc B/chunk", "peak WS MiB");
        foreach (var r in result.Results)
        {
            var ratio = r.Ratio.ToString("F3", CultureInfo.InvariantCulture);
            table.AddRow(
                r.BatchSize.ToString(CultureInfo.InvariantCulture),
                r.FullStack.ChunksPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                r.BareLoop.ChunksPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                r.MeetsTarget ? ratio : $"[red]{ratio}[/]",
                r.FullStack.TokensPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                r.BareLoop.TokensPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                r.FullStack.CharactersPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                r.FullStack.AllocatedBytesPerChunk.ToString("F0", CultureInfo.InvariantCulture),
                (r.PeakWorkingSetBytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine($"Target full/bare >= {result.Target:F2}: {(result.AllMeetTarget ? "[green]met[/]" : "[red]not met[/]")} at every batch size.");
    }
}
