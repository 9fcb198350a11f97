using System.CommandLine;
using System.Globalization;
using Rag.Bench.Ingest;
using Rag.Cli;
using Rag.Cli.Output;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary><c>rag bench ingest [DIR] [--limit N] [--json PATH]</c>: each stage alone, then the pipeline end to end.</summary>
internal static class BenchIngestCommand
{
    private const string FetchScript = "bench/scripts/fetch-ingest-corpus.sh";

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var corpus = new Argument<string?>("dir") { Description = "Corpus folder (default .rag/bench/corpus/texlive-humanities-doc, fetched by " + FetchScript + ").", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int?>("--limit") { Description = "Use only N files, evenly spaced in path order (deterministic)." };
        var json = new Option<string?>("--json") { Description = "Result file (default bench/out/bench-ingest.json)." };
        var command = new Command("ingest", "Ingestion speed: parse, chunk, embed and write each alone, then the pipeline end to end; end to end should reach 0.8 of the slowest stage.")
        {
            corpus, limit, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(corpus) ?? Path.Combine(context.Paths.Home, ".rag", "bench", "corpus", "texlive-humanities-doc");
            if (!Directory.Exists(folder) && !File.Exists(folder))
            {
                await context.Error.WriteLineAsync(parse.GetValue(corpus) is null
                    ? $"error: the default corpus '{folder}' is missing; fetch it with: bash {FetchScript}"
                    : $"error: the corpus '{folder}' does not exist.");
                return RagCommandLine.ExitError;
            }

            if (parse.GetValue(limit) is < 1)
            {
                await context.Error.WriteLineAsync("error: --limit must be at least 1.");
                return RagCommandLine.ExitUsage;
            }

            var benchmark = new IngestBenchmark(new IngestBenchmarkOptions
            {
                Corpus = folder,
                FileLimit = parse.GetValue(limit),
                WorkDirectory = Path.Combine(Path.GetDirectoryName(context.Paths.DataDirectory) ?? context.Paths.Home, "bench"),
                ServicesFor = data => RagServices.Build(context.Paths with { DataDirectory = data }, context.ConfigurationOverrides),
                RepositoryRoot = context.Paths.Home,
            });
            var result = await benchmark.RunAsync(new PhaseLog(context.Console), cancellationToken);
            Print(context.Console, result);

            var output = parse.GetValue(json) ?? Path.Combine(context.Paths.Home, "bench", "out", "bench-ingest.json");
            await ResultFileOutput.WriteAsync(context.Console, output, result, cancellationToken);
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, IngestBenchmarkResult result)
    {
        var p = result.Parameters;
        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"ingest — {p.Files} files ({p.IndexedFiles} indexed), {p.Pages:N0} pages, {p.Chunks:N0} chunks, {p.EmbeddingModel}")))
            .AddColumn("stage")
            .AddColumn(new TableColumn("seconds").RightAligned())
            .AddColumn(new TableColumn("cores busy").RightAligned())
            .AddColumn(new TableColumn("pages/s").RightAligned())
            .AddColumn(new TableColumn("chunks/s").RightAligned())
            .AddColumn(new TableColumn("peak MiB").RightAligned());
        foreach (var stage in result.Stages)
        {
            AddRow(table, stage.Stage + " alone" + (stage.Stage == result.Ceiling.Stage ? " (ceiling)" : string.Empty), stage);
        }

        table.AddRow("sum of stages", F(result.SumOfStagesSeconds, "F1"), string.Empty, string.Empty, string.Empty, string.Empty);
        AddRow(table, "[bold]end-to-end[/]", result.EndToEnd);
        console.Write(table);

        var verdict = result.MeetsTarget ? "[green]target met[/]" : "[red]below target[/]";
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"end-to-end / slowest stage alone ({result.Ceiling.Stage}) = [bold]{result.Ratio:F2}[/] (target ≥ {result.Target:F2}): {verdict}"));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Mib(result.PeakWorkingSetBytes)} MiB"));
    }

    private static void AddRow(Table table, string label, StageMeasurement m) => table.AddRow(
        label,
        F(m.Seconds, "F2"),
        F(m.CoresBusy, "F2"),
        F(m.PagesPerSecond, "F1"),
        F(m.ChunksPerSecond, "F1"),
        Mib(m.PeakWorkingSetBytes));

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Prints each phase as it starts, on the caller's thread (Progress&lt;T&gt; would post it late).</summary>
    private sealed class PhaseLog(IAnsiConsole console) : IProgress<string>
    {
        public void Report(string value) => console.MarkupLine("[grey]measuring " + Markup.Escape(value) + "...[/]");
    }
}
