using System.CommandLine;
using System.Globalization;
using Rag.Bench.Query;
using Rag.Bench.Web;
using Rag.Cli;
using Rag.Cli.Output;
using Spectre.Console;

namespace Rag.Bench.Commands;

/// <summary>
/// <c>rag bench web [--users 50] [--questions 1] [--chromium /usr/bin/chromium] [--timeout 00:10:00] [--json PATH]</c>:
/// N signed-in users asking at once on the Ask page of the real app on loopback; time to first answer token, server
/// memory per connected user.
/// </summary>
internal static class BenchWebCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<string?>("--json") { Description = "Write the result as JSON to this file (default: print the table only)." };
        var users = new Option<int>("--users") { Description = $"Signed-in users asking at once (1 to {WebBenchOptions.MaxUsers}).", DefaultValueFactory = _ => 50 };
        var questions = new Option<int>("--questions") { Description = $"Questions each user asks, one after the other (1 to {WebBenchOptions.MaxQuestionsPerUser}).", DefaultValueFactory = _ => 1 };
        var chromium = new Option<string>("--chromium") { Description = "Chromium executable (Debian's; nothing is downloaded).", DefaultValueFactory = _ => "/usr/bin/chromium" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "Limit for the whole run (sign-in and questions).", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var command = new Command("web", "Loopback load test of the web app: N users signed in, asking at once on the Ask page in headless Chromium.")
        {
            json, users, questions, chromium, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new WebBenchOptions(parse.GetValue(users), parse.GetValue(questions), parse.GetValue(chromium)!, parse.GetValue(timeout));
            if (options.Users is < 1 or > WebBenchOptions.MaxUsers || options.QuestionsPerUser is < 1 or > WebBenchOptions.MaxQuestionsPerUser || options.Timeout <= TimeSpan.Zero)
            {
                await context.Error.WriteLineAsync($"--users must be 1 to {WebBenchOptions.MaxUsers}, --questions 1 to {WebBenchOptions.MaxQuestionsPerUser}, --timeout positive.");
                return RagCommandLine.ExitUsage;
            }

            if (!File.Exists(options.Chromium))
            {
                await context.Error.WriteLineAsync($"Chromium not found at {options.Chromium}: install it (apt-get install chromium) or pass --chromium PATH.");
                return RagCommandLine.ExitError;
            }

            var result = await WebBenchmark.RunAsync(context, options, new Progress(context.Error), cancellationToken);
            Print(context.Console, result);
            if (parse.GetValue(json) is { } path)
            {
                await ResultFileOutput.WriteAsync(context.Console, path, result, cancellationToken);
            }

            return result.Failed == 0 && result.ForeignRequests == 0 ? RagCommandLine.ExitOk : RagCommandLine.ExitError;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, WebBenchResult result)
    {
        console.MarkupLine(
            $"[bold]bench web[/]: {result.Users} users x {result.QuestionsPerUser} question(s), {result.Environment.LogicalCores} cores, {Markup.Escape(result.Environment.Cpu)}; {F(result.Seconds, 0)} s in all");
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("first answer token", Latency(result.FirstToken));
        table.AddRow("finished answer", Latency(result.Done));
        table.AddRow("answered / not found / failed", $"{result.Answered} / {result.NothingFound} / {result.Failed}");
        table.AddRow("requests to other origins", result.ForeignRequests.ToString(CultureInfo.InvariantCulture));
        var m = result.Memory;
        table.AddRow("server working set", $"{Mib(m.WorkingSetBeforeBytes)} before, {Mib(m.WorkingSetConnectedBytes)} connected, {Mib(m.WorkingSetAfterBytes)} after MiB; {F(m.WorkingSetPerUserBytes / 1024, 0)} KiB per user");
        table.AddRow("server GC heap", $"{Mib(m.GcHeapBeforeBytes)} before, {Mib(m.GcHeapConnectedBytes)} connected, {Mib(m.GcHeapAfterBytes)} after MiB; {F(m.GcHeapPerUserBytes / 1024, 0)} KiB per user");
        console.Write(table);
        foreach (var error in result.Errors)
        {
            console.MarkupLine($"[red]{Markup.Escape(error)}[/]");
        }
    }

    private static string Latency(LatencySummary? s) => s is null ? "none measured" : $"p50 {F(s.P50Ms, 0)} / p95 {F(s.P95Ms, 0)} / max {F(s.MaxMs, 0)} ms ({s.Queries})";

    private static string Mib(long bytes) => F(bytes / 1048576.0, 0);

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private sealed class Progress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine("bench web: " + value);
    }
}
