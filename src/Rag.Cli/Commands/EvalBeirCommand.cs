using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Cli.Output;
using Rag.Core.Retrieval;
using Rag.Core.Storage;
using Rag.Evaluation.Beir;
using Rag.Evaluation.Reporting;
using Rag.Ingest.Chunking;
using Rag.Ingest.Pipeline;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary><c>rag eval beir DIR [--k 10] [--mode dense|bm25|hybrid|all] [--half a|b] [--reference NAME=NDCG]... [--json OUT] [--index DIR]</c>.</summary>
internal static class EvalBeirCommand
{
    private const string FingerprintFile = "beir-eval.settings";

    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string>("dataset") { Description = "BEIR dataset folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv." };
        var k = new Option<int>("--k") { Description = "Cut-off of nDCG, MRR and the first recall (default 10).", DefaultValueFactory = _ => 10 };
        var mode = new Option<string>("--mode") { Description = "dense, bm25, hybrid, or all three on one index (default hybrid).", DefaultValueFactory = _ => "hybrid" };
        var json = new Option<string?>("--json") { Description = "Write the results (with machine, model, settings and commit) to this JSON file." };
        var index = new Option<string?>("--index") { Description = "Keep the evaluation index in this folder and reuse it next time (default: a temporary folder, deleted)." };
        var split = new Option<string>("--split") { Description = "Qrels split (default test).", DefaultValueFactory = _ => "test" };
        var depth = new Option<int>("--chunk-depth") { Description = "Chunks retrieved per query before folding into documents (default 1000).", DefaultValueFactory = _ => 1000 };
        var sweep = new Option<bool>("--sweep") { Description = "Also re-fuse the dense and BM25 rankings over a grid of RRF k and dense weights (evidence for Rag:Retrieval)." };
        var half = new Option<string?>("--half") { Description = "Evaluate one fixed half of the judged queries: a (even positions in ordinal id order) or b (odd). Default: all, with each half reported too." };
        var reference = new Option<string[]>("--reference")
        {
            Description = "A published nDCG@10 to report beside the results, as name=value (repeatable). SciFact's are added by themselves; other datasets get only these.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("beir", "Ingest a BEIR dataset into a throw-away index and report nDCG@k, Recall@k, Recall@100 and MRR@k (as BEIR/pytrec_eval).")
        {
            dataset, k, mode, json, index, split, depth, sweep, half, reference,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var modeName = parse.GetValue(mode)!;
            var modes = modeName.Equals("all", StringComparison.OrdinalIgnoreCase)
                ? [RetrievalMode.Keyword, RetrievalMode.Dense, RetrievalMode.Hybrid]
                : new[] { BeirEvaluator.ParseMode(modeName) };
            var cutoff = parse.GetValue(k);
            var chunkDepth = parse.GetValue(depth);
            if (cutoff is < 1 or > 1000 || chunkDepth is < BeirEvaluator.DocumentsPerQuery or > 100_000)
            {
                await context.Error.WriteLineAsync($"error: --k must be 1..1000 and --chunk-depth {BeirEvaluator.DocumentsPerQuery}..100000.");
                return RagCommandLine.ExitUsage;
            }

            var halfName = parse.GetValue(half)?.Trim().ToLowerInvariant();
            if (halfName is not (null or "a" or "b"))
            {
                await context.Error.WriteLineAsync($"error: --half must be a or b, not '{parse.GetValue(half)}'.");
                return RagCommandLine.ExitUsage;
            }

            var given = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var text in parse.GetValue(reference) ?? [])
            {
                try
                {
                    var (name, value) = BeirReferences.Parse(text);
                    given[name] = value;
                }
                catch (FormatException ex)
                {
                    await context.Error.WriteLineAsync("error: " + ex.Message);
                    return RagCommandLine.ExitUsage;
                }
            }

            var environment = RunEnvironment.Capture(context.Paths.Home);
            var splitName = parse.GetValue(split)!;
            var data = await BeirDataset.LoadAsync(parse.GetValue(dataset)!, splitName, cancellationToken);
            var evaluated = halfName is null ? data : data.Half(halfName[0]);
            context.Console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(data.Directory))}[/]: {data.Corpus.Count:N0} documents, {evaluated.Queries.Count:N0} judged queries{(halfName is null ? string.Empty : " (half " + halfName + ")")}");

            var keep = parse.GetValue(index);
            var work = keep is null ? Path.Combine(Path.GetTempPath(), "rag-eval-" + Guid.NewGuid().ToString("N")) : Path.GetFullPath(keep);
            try
            {
                await using var services = RagServices.Build(context.Paths with { DataDirectory = Path.Combine(work, "data") }, context.ConfigurationOverrides);
                var chunking = services.GetRequiredService<IOptions<ChunkingOptions>>().Value;
                var model = services.GetRequiredService<Rag.Core.Embeddings.EmbeddingModelInfo>();
                await CheckReusableAsync(work, Fingerprint(data, model, chunking), cancellationToken);

                var evaluator = services.GetRequiredService<BeirEvaluator>();
                var (summary, corpusIds) = await IngestAsync(context, evaluator, data, work, cancellationToken);
                if (summary.Failed > 0)
                {
                    await context.Error.WriteLineAsync($"warning: {summary.Failed} documents failed to ingest; they count as never retrieved.");
                }

                var results = new List<BeirModeResult>();
                foreach (var m in modes)
                {
                    var (result, _) = await evaluator.EvaluateAsync(evaluated, corpusIds, m, cutoff, chunkDepth, halves: halfName is null, cancellationToken: cancellationToken);
                    results.Add(result);
                    var halves = result.HalfA is { } a && result.HalfB is { } b ? string.Create(CultureInfo.InvariantCulture, $" (half a {a.Ndcg:F4}, half b {b.Ndcg:F4})") : string.Empty;
                    context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Mode}: nDCG@{cutoff} {result.Scores.Ndcg:F4}{halves} in {result.Seconds:F1} s"));
                }

                IReadOnlyList<FusionSetting>? grid = null;
                if (parse.GetValue(sweep))
                {
                    grid = await services.GetRequiredService<FusionSweep>().RunAsync(evaluated, corpusIds, cutoff, chunkDepth, cancellationToken);
                    PrintSweep(context.Console, grid, services.GetRequiredService<IOptions<RetrievalOptions>>().Value);
                }

                var report = new BeirReport(
                    environment,
                    Path.GetFileName(data.Directory),
                    data.Corpus.Count,
                    evaluated.Queries.Count,
                    await services.GetRequiredService<IDocumentIndex>().GetModelAsync(cancellationToken),
                    services.GetRequiredService<IOptions<RetrievalOptions>>().Value,
                    new Dictionary<string, int>(StringComparer.Ordinal)
                    {
                        ["maxTokens"] = chunking.MaxTokens,
                        ["overlapTokens"] = chunking.OverlapTokens,
                        ["minChunkTokens"] = chunking.MinChunkTokens,
                        ["embedContext"] = chunking.EmbedContext ? 1 : 0,
                    },
                    chunkDepth,
                    summary,
                    results,
                    BeirReferences.For(data, splitName, wholeSplit: halfName is null, given),
                    grid,
                    halfName);
                Print(context.Console, report);
                if (parse.GetValue(json) is { } output)
                {
                    await ResultFileOutput.WriteAsync(context.Console, output, report, cancellationToken);
                }

                return RagCommandLine.ExitOk;
            }
            finally
            {
                if (keep is null && Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<(BeirIngestSummary, IReadOnlyDictionary<string, string>)> IngestAsync(
        CliContext context, BeirEvaluator evaluator, BeirDataset data, string work, CancellationToken cancellationToken)
    {
        (BeirIngestSummary, IReadOnlyDictionary<string, string>) outcome = default;
        if (!context.Console.Profile.Capabilities.Interactive)
        {
            // Redirected output (CI, files) gets the summary line only, not a line per progress tick.
            outcome = await evaluator.IngestAsync(data, work, progress: null, cancellationToken);
        }
        else
        {
            await context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progressContext =>
                {
                    var task = progressContext.AddTask("ingesting", maxValue: data.Corpus.Count);
                    var progress = new Progress<IngestionProgress>(p =>
                    {
                        task.Value = p.FilesDone;
                        task.Description = $"ingesting: {p.Chunks:N0} chunks, {p.ChunksPerSecond:F0} chunks/s";
                    });
                    outcome = await evaluator.IngestAsync(data, work, progress, cancellationToken);
                });
        }

        var summary = outcome.Item1 ?? throw new InvalidOperationException("The ingestion did not run.");
        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Ingested {summary.Documents:N0} documents ({summary.Chunks:N0} new chunks{(summary.Reused ? ", index reused" : string.Empty)}) in {summary.Seconds:F1} s"));
        return outcome;
    }

    /// <summary>A reused index must have been built from the same corpus, model and chunking, else its numbers would lie.</summary>
    private static async Task CheckReusableAsync(string work, string fingerprint, CancellationToken cancellationToken)
    {
        var file = Path.Combine(work, FingerprintFile);
        if (File.Exists(file))
        {
            var existing = await File.ReadAllTextAsync(file, cancellationToken);
            if (existing != fingerprint)
            {
                throw new InvalidOperationException($"The evaluation index in '{work}' was built with other settings ({existing.Trim()}); delete the folder or choose another --index.");
            }

            return;
        }

        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(file, fingerprint, cancellationToken);
    }

    private static string Fingerprint(BeirDataset data, Rag.Core.Embeddings.EmbeddingModelInfo model, ChunkingOptions chunking) =>
        string.Create(CultureInfo.InvariantCulture, $"corpus={data.Directory} ({data.Corpus.Count} docs); model={model.ModelId}/{model.Dimensions}; chunking={chunking.MaxTokens}/{chunking.OverlapTokens}/{chunking.MinChunkTokens}/context={chunking.EmbedContext}\n");

    private static void Print(IAnsiConsole console, BeirReport report)
    {
        var k = report.Results.Count > 0 ? report.Results[0].Scores.K : 10;
        var table = new Table().Title($"{Markup.Escape(report.Dataset)} — {report.Queries} queries, model {Markup.Escape(report.Model?.ModelId ?? "?")}")
            .AddColumn("mode")
            .AddColumn(new TableColumn($"nDCG@{k}").RightAligned())
            .AddColumn(new TableColumn($"Recall@{k}").RightAligned())
            .AddColumn(new TableColumn("Recall@100").RightAligned())
            .AddColumn(new TableColumn($"MRR@{k}").RightAligned())
            .AddColumn(new TableColumn("median query ms").RightAligned());
        foreach (var r in report.Results)
        {
            table.AddRow(
                r.Mode,
                F(r.Scores.Ndcg),
                F(r.Scores.RecallAtK),
                F(r.Scores.RecallAt100),
                F(r.Scores.Mrr),
                r.MedianQueryMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in report.PublishedNdcgAt10)
        {
            table.AddRow("[italic]published: " + Markup.Escape(name) + "[/]", F(value), string.Empty, string.Empty, string.Empty, string.Empty);
        }

        console.Write(table);
    }

    private static void PrintSweep(IAnsiConsole console, IReadOnlyList<FusionSetting> grid, RetrievalOptions current)
    {
        var k = grid.Count > 0 ? grid[0].All.K : 10;
        var table = new Table().Title("Fusion sweep (keyword weight 1), best 12 and the configured setting")
            .AddColumn(new TableColumn("RRF k").RightAligned())
            .AddColumn(new TableColumn("dense weight").RightAligned())
            .AddColumn(new TableColumn($"nDCG@{k}").RightAligned())
            .AddColumn(new TableColumn("even half").RightAligned())
            .AddColumn(new TableColumn("odd half").RightAligned())
            .AddColumn(new TableColumn("Recall@100").RightAligned());
        for (var i = 0; i < grid.Count; i++)
        {
            var s = grid[i];
            var configured = s.RrfK == current.RrfK && Math.Abs(s.DenseWeight - (current.DenseWeight / current.KeywordWeight)) < 1e-9;
            if (i < 12 || configured)
            {
                table.AddRow(
                    (configured ? "* " : string.Empty) + s.RrfK.ToString(CultureInfo.InvariantCulture),
                    s.DenseWeight.ToString("0.0#", CultureInfo.InvariantCulture),
                    F(s.All.Ndcg),
                    F(s.EvenQueries),
                    F(s.OddQueries),
                    F(s.All.RecallAt100));
            }
        }

        console.Write(table);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
