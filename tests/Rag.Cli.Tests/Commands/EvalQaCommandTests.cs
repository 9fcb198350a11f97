using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Audit;

namespace Rag.Cli.Tests.Commands;

/// <summary>
/// <c>rag eval qa</c> end to end: real ingestion, retrieval, answers and audit in a private data directory.
/// Three readable documents for group staff and one board-only document whose question staff must not be able to answer.
/// </summary>
public sealed class EvalQaCommandTests : IAsyncLifetime, IDisposable
{
    private const string BoardQuestion = "When does the Contoso acquisition close and for how much?";
    private readonly CliHarness _cli = new(account: "tester");

    public async Task InitializeAsync()
    {
        var staff = _cli.Folder("staff");
        var board = _cli.Folder("board");
        await File.WriteAllTextAsync(Path.Combine(staff, "vpn.md"), "# VPN\n\n## Connecting\n\nStart the WireGuard client and choose the Berlin gateway to reach the intranet.\n");
        await File.WriteAllTextAsync(Path.Combine(staff, "leave.md"), "# Annual leave\n\nEvery employee receives 31 days of paid annual leave per calendar year.\n\nLeave requests go through the HR portal two weeks in advance.\n");
        await File.WriteAllTextAsync(Path.Combine(staff, "parking.md"), "# Parking\n\nThe staff car park is behind building C and opens at 6:45 every morning.\n\nElectric cars charge for free at the bays near the entrance.\n");
        await File.WriteAllTextAsync(Path.Combine(board, "merger.md"), "# Merger plan\n\nThe acquisition of Contoso closes on 14 March for 80 million euros.\n");
        Assert.Equal(0, (await _cli.RunAsync("ingest", staff, "--set", "staff", "--groups", "staff")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ingest", board, "--set", "board", "--groups", "board")).ExitCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task EvalQa_RightExpectations_ScoresRealRetrievalAndAuditsAsEvalUser()
    {
        var file = await WriteAsync("right.jsonl",
            """{"question": "How do I connect to the VPN?", "expectedDocuments": ["vpn.md"], "expectedAnswerContains": "WireGuard client"}""",
            """{"question": "How many days of annual leave do I get?", "expectedDocuments": "Annual leave", "expectedAnswerContains": ["31 days", "annual leave"]}""",
            """{"question": "Where is the staff car park?", "expectedDocuments": ["staff/parking.md"], "expectedAnswerContains": "behind  BUILDING c"}""",
            $$"""{"question": "{{BoardQuestion}}", "expectNoAnswer": true}""");
        var json = Path.Combine(_cli.Folder("out"), "right.json");

        var run = await _cli.RunAsync("eval", "qa", file, "--groups", "staff", "--user", "tester", "--k", "1", "--json", json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("document hit@1", run.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var summary = report.RootElement.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("questions").GetInt32());
        Assert.Equal(1.0, summary.GetProperty("hitAtK").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("mrr").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("citationPrecision").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("answerContainsRate").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("noAnswerRate").GetDouble());
        Assert.Equal(1, summary.GetProperty("abstained").GetInt32());
        Assert.Equal("eval:os:tester", report.RootElement.GetProperty("actor").GetString());
        Assert.Equal("use-lite", report.RootElement.GetProperty("model").GetProperty("modelId").GetString());
        Assert.Equal("hybrid", report.RootElement.GetProperty("retrieval").GetProperty("mode").GetString());
        Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("environment").GetProperty("commit").GetString()));

        var board = report.RootElement.GetProperty("cases")[3];
        Assert.True(board.GetProperty("abstained").GetBoolean());
        Assert.DoesNotContain("80 million", board.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.All(board.GetProperty("retrievedDocuments").EnumerateArray(), d => Assert.Equal("staff", d.GetProperty("setName").GetString()));
        Assert.DoesNotContain("80 million", run.Output + run.Error, StringComparison.Ordinal);

        var audited = await QuestionsAuditedAsync();
        Assert.Equal(4, audited.Count);
        Assert.All(audited, e => Assert.Equal("eval:os:tester", e.Actor.Id));
        Assert.All(audited, e => Assert.Equal(["staff"], e.Actor.Groups));
    }

    [Fact]
    public async Task EvalQa_WrongExpectations_ScoreLowerThanRightOnes()
    {
        var right = await WriteAsync("right.jsonl",
            """{"question": "How do I connect to the VPN?", "expectedDocuments": ["vpn.md"], "expectedAnswerContains": "WireGuard"}""",
            """{"question": "How many days of annual leave do I get?", "expectedDocuments": ["leave.md"], "expectedAnswerContains": "31 days"}""",
            """{"question": "Where is the staff car park?", "expectedDocuments": ["parking.md"], "expectedAnswerContains": "building C"}""");
        var wrong = await WriteAsync("wrong.jsonl",
            """{"question": "How do I connect to the VPN?", "expectedDocuments": ["leave.md"], "expectedAnswerContains": "31 days"}""",
            """{"question": "How many days of annual leave do I get?", "expectedDocuments": ["parking.md"], "expectedAnswerContains": "building C"}""",
            """{"question": "Where is the staff car park?", "expectedDocuments": ["board/merger.md"], "expectedAnswerContains": "WireGuard"}""");
        var rightJson = Path.Combine(_cli.Folder("out"), "right.json");
        var wrongJson = Path.Combine(_cli.Folder("out"), "wrong.json");

        var rightRun = await _cli.RunAsync("eval", "qa", right, "--groups", "staff", "--k", "1", "--json", rightJson);
        var wrongRun = await _cli.RunAsync("eval", "qa", wrong, "--groups", "staff", "--k", "1", "--json", wrongJson);

        Assert.Equal(0, rightRun.ExitCode);
        Assert.Equal(0, wrongRun.ExitCode);
        var (rightSummary, wrongSummary) = (await SummaryAsync(rightJson), await SummaryAsync(wrongJson));
        Assert.Equal(1.0, rightSummary.GetProperty("hitAtK").GetDouble());
        Assert.Equal(0.0, wrongSummary.GetProperty("hitAtK").GetDouble());
        Assert.True(wrongSummary.GetProperty("mrr").GetDouble() < rightSummary.GetProperty("mrr").GetDouble());
        Assert.True(wrongSummary.GetProperty("citationPrecision").GetDouble() < rightSummary.GetProperty("citationPrecision").GetDouble());
        Assert.Equal(1.0, rightSummary.GetProperty("answerContainsRate").GetDouble());
        Assert.Equal(0.0, wrongSummary.GetProperty("answerContainsRate").GetDouble());
        Assert.Contains("Questions with a failed check", wrongRun.Output, StringComparison.Ordinal);

        // The board document is not readable by staff: the run says so instead of silently scoring 0.
        Assert.Contains("warning: line 3: expected document \"board/merger.md\" matched no document retrieved", wrongRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalQa_MalformedLine_ExitsOneNamingTheLineAndAsksNothing()
    {
        var file = await WriteAsync("bad.jsonl",
            """{"question": "How do I connect to the VPN?", "expectedDocuments": ["vpn.md"]}""",
            """{"question": "Where is the staff car park?", "expectedDocument": ["parking.md"]}""",
            """{"question": "", "expectedDocuments": ["leave.md"]}""",
            """{"question": "Unclosed?" """);

        var run = await _cli.RunAsync("eval", "qa", file, "--groups", "staff");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2: unknown field \"expectedDocument\" (did you mean \"expectedDocuments\"?)", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: \"question\" is empty", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Empty(await QuestionsAuditedAsync());
    }

    [Fact]
    public async Task EvalQa_EmptyFile_ExitsOneSayingSo()
    {
        var file = await WriteAsync("empty.jsonl");

        var run = await _cli.RunAsync("eval", "qa", file, "--groups", "staff");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("contains no questions", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalQa_MissingFile_ExitsOneNamingIt()
    {
        var run = await _cli.RunAsync("eval", "qa", Path.Combine(_cli.Folder("none"), "nope.jsonl"), "--groups", "staff");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.jsonl", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalQa_NoGroups_ExitsTwoBeforeAsking()
    {
        var file = await WriteAsync("one.jsonl", """{"question": "How do I connect to the VPN?", "expectedDocuments": ["vpn.md"]}""");

        var run = await _cli.RunAsync("eval", "qa", file, "--groups", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--groups", run.Error, StringComparison.Ordinal);
        Assert.Empty(await QuestionsAuditedAsync());
    }

    [Fact]
    public async Task EvalQa_EmptyIndex_ExitsOneSayingIngestFirst()
    {
        using var fresh = new CliHarness();
        var file = Path.Combine(fresh.Folder("q"), "one.jsonl");
        await File.WriteAllTextAsync(file, """{"question": "How do I connect to the VPN?", "expectedDocuments": ["vpn.md"]}""" + "\n");

        var run = await fresh.RunAsync("eval", "qa", file, "--groups", "staff");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds no documents", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, params string[] lines)
    {
        var path = Path.Combine(_cli.Folder("questions"), name);
        await File.WriteAllTextAsync(path, lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<JsonElement> SummaryAsync(string path)
    {
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return report.RootElement.GetProperty("summary").Clone();
    }

    private async Task<List<AuditEvent>> QuestionsAuditedAsync()
    {
        await using var services = RagServices.Build(_cli.Paths, _cli.Configuration);
        var events = new List<AuditEvent>();
        await foreach (var record in services.GetRequiredService<IAuditLog>().ReadAsync())
        {
            if (record.Event.Action == AuditActions.QuestionAsked)
            {
                events.Add(record.Event);
            }
        }

        return events;
    }
}
