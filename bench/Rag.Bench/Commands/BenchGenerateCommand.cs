using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Bench.Generate;
using Rag.Cli;
using Rag.Cli.Output;
using Rag.Evaluation.Reporting;
using Rag.Onnx.Generation;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary>
/// <c>rag bench generate [--json PATH] [--model DIR-or-id ...] [--new-tokens N] [--prompt-tokens 32,256] [--repetitions R] [--warmups W]</c>:
/// answer-generation speed of the in-process decoder against a bare KV-cache loop and full recomputation on the same prompt.
/// </summary>
internal static class BenchGenerateCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file (default: print the table only)." };
        var model = new Option<string[]>("--model")
        {
            Description = "Model folders or installed model ids (default: every installed decoder: a folder with tokenizer.json and an .onnx file).",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var newTokens = new Option<int>("--new-tokens") { Description = "Tokens generated per run (greedy).", DefaultValueFactory = _ => 128 };
        var promptTokens = new Option<string>("--prompt-tokens") { Description = "Prompt lengths in tokens, comma-separated (bounded by the model's context).", DefaultValueFactory = _ => "32,256" };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed runs per prompt and path (median reported).", DefaultValueFactory = _ => 11 };
        var warmups = new Option<int>("--warmups") { Description = "Untimed runs per prompt and path.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "generate",
            "Decode tokens/s and time to first token of the ONNX chat client vs a bare KV-cache loop (target >= 0.9) and vs recomputation without a cache.")
        {
            json, model, newTokens, promptTokens, repetitions, warmups,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GenerateBenchOptions(
                parse.GetValue(newTokens),
                BenchEmbedCommand.ParseInts(parse.GetValue(promptTokens)),
                parse.GetValue(repetitions),
                parse.GetValue(warmups));
            if (options.NewTokens < 2 || options.Repetitions < 1 || options.Warmups < 0)
            {
                throw new ArgumentException("--new-tokens must be at least 2, --repetitions at least 1 and --warmups at least 0.");
            }

            var environment = RunEnvironment.Capture(context.Paths.Home);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var configured = new OnnxChatClientOptions();
            services.GetRequiredService<IConfiguration>().GetSection(OnnxChatClientOptions.SectionName).Bind(configured);
            var folders = ModelFolders(context.Paths, [.. (parse.GetValue(model) ?? []).SelectMany(CliContext.SplitList)]);
            var models = folders.Select(folder => new OnnxChatClientOptions
            {
                ModelPath = folder,
                ChatTemplate = configured.ChatTemplate,
                ExecutionProvider = configured.ExecutionProvider,
                IntraOpThreads = configured.IntraOpThreads,
                MaxNewTokens = Math.Max(configured.MaxNewTokens, options.NewTokens),
            }).ToList();
            var result = await GenerateBenchmark.RunAsync(models, options, environment, new SynchronousProgress(context.Error), cancellationToken);

            Print(context.Console, result);
            if (parse.GetValue(json) is { } path)
            {
                await ResultFileOutput.WriteAsync(context.Console, path, result, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    /// <summary>Each name as a folder, else as an installed model id; none given: every installed decoder, by name.</summary>
    private static List<string> ModelFolders(RagPaths paths, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            return [.. names.Select(name =>
                Directory.Exists(name) ? Path.GetFullPath(name)
                : Directory.Exists(Path.Combine(paths.ModelsDirectory, name)) ? Path.Combine(paths.ModelsDirectory, name)
                : throw new DirectoryNotFoundException($"'{name}' is neither a folder nor a model installed in '{paths.ModelsDirectory}'."))];
        }

        var installed = Directory.Exists(paths.ModelsDirectory)
            ? Directory.GetDirectories(paths.ModelsDirectory).Where(IsDecoderFolder).Order(StringComparer.Ordinal).ToList()
            : [];
        return installed.Count > 0
            ? installed
            : throw new InvalidOperationException(
                $"No decoder model is installed in '{paths.ModelsDirectory}': run ./rag models install --all (the tiny test decoders) or pass --model DIR.");
    }

    private static bool IsDecoderFolder(string folder) =>
        File.Exists(Path.Combine(folder, "tokenizer.json"))
        && new[] { folder, Path.Combine(folder, "onnx") }.Any(d => Directory.Exists(d) && Directory.EnumerateFiles(d, "*.onnx").Any());

    private static void Print(IAnsiConsole console, GenerateBenchResult result)
    {
        var p = result.Parameters;
        console.MarkupLine(
            $"[bold]bench generate[/]: {p.NewTokens} new tokens ({p.Sampling}), median of {p.Repetitions} runs after {p.Warmups} warm-up, " +
            $"{Markup.Escape(p.ExecutionProvider)}; {result.Environment.LogicalCores} cores, {Markup.Escape(result.Environment.Cpu)}");
        foreach (var m in result.Models)
        {
            console.MarkupLine($"[bold]{Markup.Escape(m.Model)}[/] ({m.CacheType} cache, {m.Layers} layers, {m.Template} prompt)");
            var table = new Table().AddColumns(
                "prompt tokens", "TTFT ms client", "TTFT ms bare", "tok/s client", "tok/s bare", "client / bare", "tok/s no cache", "KV cache gain");
            foreach (var r in m.Prompts)
            {
                var ratio = F(r.ClientToBareDecodeRatio, 3);
                table.AddRow(
                    r.PromptTokens.ToString(CultureInfo.InvariantCulture),
                    F(r.Client.MedianFirstTokenMs, 2),
                    F(r.Bare.MedianFirstTokenMs, 2),
                    F(r.Client.MedianDecodeTokensPerSecond, 0),
                    F(r.Bare.MedianDecodeTokensPerSecond, 0),
                    r.MeetsTarget ? ratio : $"[red]{ratio}[/]",
                    F(r.Recomputed.MedianDecodeTokensPerSecond, 0),
                    F(r.KvCacheDecodeSpeedup, 1) + "x");
            }

            console.Write(table);
        }

        console.MarkupLine(
            $"tok/s = decode tokens/s after the first token. Target client/bare >= {result.Target:F2}: " +
            $"{(result.AllMeetTarget ? "[green]met[/]" : "[red]not met[/]")} everywhere. " +
            $"Client, bare loop and recomputation agree on every token: {(result.AllIdenticalIds ? "[green]yes[/]" : "[red]no[/]")}.");
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Reports on the calling thread at once (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
