using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Tests.Fixtures;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Retrieval;
using Rag.Testing;
using Xunit.Abstractions;

namespace Rag.Cli.Tests.Measurements;

/// <summary>
/// Measures in-process <c>ask</c> latency with a generator configured (the fake OpenAI-compatible server: no model
/// server runs here) over the samples/ handbook with the real embedder. Prints the median; asserts no timing, only that
/// every answer came from the generator. <c>RAG_ASK_ROUNDS</c> sets how many rounds of the eval questions are timed.
/// </summary>
public sealed class AskLatencyMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private OpenAiCompatibleServerFake _server = null!;

    public async Task InitializeAsync() => _server = await OpenAiCompatibleServerFake.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AskAsync_GeneratorConfigured_PrintsTheMedianLatency()
    {
        _server.Pieces = ["The handbook says so [1]."];
        using var cli = new CliHarness(configuration: new Dictionary<string, string?>
        {
            ["Rag:Generation:Provider"] = "OpenAI",
            ["Rag:Generation:Endpoint"] = _server.Endpoint.ToString(),
            ["Rag:Generation:Model"] = "qwen2.5-7b-instruct",
            ["Rag:Generation:MaxRetries"] = "0",
        });
        Assert.Equal(0, (await cli.RunAsync("ingest", Path.Combine(RepoPaths.Root, "samples", "handbook"), "--set", "handbook", "--groups", "staff")).ExitCode);
        var questions = File.ReadLines(Path.Combine(RepoPaths.Root, "samples", "eval", "handbook-qa.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!)
            .ToList();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("RAG_ASK_ROUNDS"), CultureInfo.InvariantCulture, out var r) ? r : 1;
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        var service = services.GetRequiredService<QuestionService>();
        var scope = new AccessScope("ana", ["staff"]);
        await service.AskAsync(questions[0], scope);

        var times = new List<double>();
        var generated = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await service.AskAsync(question, scope);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                generated += answer.ModelId == "qwen2.5-7b-instruct" ? 1 : 0;
            }
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ask latency: n={times.Count} median={times[times.Count / 2]:F1} ms p10={times[times.Count / 10]:F1} ms p90={times[times.Count * 9 / 10]:F1} ms generated={generated}"));
        Assert.True(generated > 0, "no answer came from the generator");
    }

    [Fact]
    public async Task RelevanceGate_SampleAndOffTopicQuestions_AnswersTheSampleQuestionsAndDeclinesTheRest()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, (await cli.RunAsync("ingest", Path.Combine(RepoPaths.Root, "samples", "handbook"), "--set", "handbook", "--groups", "staff")).ExitCode);
        await using var services = RagServices.Build(cli.Paths, cli.Configuration);
        var retriever = services.GetRequiredService<HybridRetriever>();
        var gate = services.GetRequiredService<IRelevanceGate>();
        var scope = new AccessScope("ana", ["staff"]);
        var wrong = new List<string>();
        foreach (var (question, answerable) in Questions().Select(q => (q.Question, !q.ExpectNoAnswer)).Concat(OffTopic.Select(q => (q, false))))
        {
            var retrieved = await retriever.RetrieveAsync(question, scope);
            var decision = await gate.DecideAsync(question, retrieved);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gate={decision.FoundRelevant} score={decision.Score:F3} best={decision.BestSimilarity:F3} coverage={decision.TermCoverage:F2} keyword={decision.KeywordEvidence:F2} {question}"));
            if (decision.FoundRelevant != answerable)
            {
                wrong.Add(question);
            }
        }

        Assert.Empty(wrong);
    }

    private static readonly string[] OffTopic =
    [
        "What is the capital of France?",
        "How do I bake sourdough bread?",
        "Who won the football world cup in 2014?",
        "What is the boiling point of mercury?",
        "Can you recommend a good science fiction novel?",
        "How tall is Mount Everest?",
    ];

    private static List<(string Question, bool ExpectNoAnswer)> Questions() =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "samples", "eval", "handbook-qa.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("question").GetString()!, e.TryGetProperty("expectNoAnswer", out var no) && no.GetBoolean()))
            .ToList();
}
