using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Cli.Output;
using Rag.Core.Access;
using Rag.Core.Answers;
using Rag.Core.Retrieval;
using Rag.Core.Storage;
using Rag.Evaluation.Qa;
using Rag.Evaluation.Reporting;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary>
/// <c>rag eval qa FILE.jsonl [--groups g1,g2] [--user U] [--k 5] [--json OUT]</c>: asks an organisation's own questions
/// against the existing index, as <c>rag ask</c> would for those groups, and reports hit@k, MRR, citation precision,
/// answer-contains rate and abstentions. Each question is audited with the actor "eval:os:ACCOUNT" (the OS account; ":USER" appended for --user).
/// </summary>
internal static class EvalQaCommand
{
    private const int MaxMissesShown = 20;

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = new Argument<string>("file") { Description = "Question file, JSON Lines: {\"question\", \"expectedDocuments\"?, \"expectedAnswerContains\"?, \"expectNoAnswer\"?, \"id\"?, \"comment\"?, \"conversation\"?, \"topicChange\"?} per line." };
        var groups = new Option<string?>("--groups") { Description = "Groups the questions are asked as, comma-separated (default: RAG_GROUPS)." };
        var user = new Option<string?>("--user") { Description = "User you evaluate on behalf of (default: RAG_USER); the audit actor is eval:os:ACCOUNT, with :USER appended." };
        var k = new Option<int>("--k") { Description = "Cut-off of document hit@k and MRR@k (default 5).", DefaultValueFactory = _ => 5 };
        var json = new Option<string?>("--json") { Description = "Write the metrics and every question's expected and actual results (with machine, model, settings and commit) to this JSON file." };
        var command = new Command("qa", "Ask your own question set against the ingested documents and report document hit@k, MRR, citation precision and answer-contains rate.")
        {
            file, groups, user, k, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cutoff = parse.GetValue(k);
            if (cutoff is < 1 or > 100)
            {
                await context.Error.WriteLineAsync("error: --k must be 1..100.");
                return RagCommandLine.ExitUsage;
            }

            var asked = CliUser.Resolve(context, parse.GetValue(user), parse.GetValue(groups));
            if (asked.Groups.Count == 0)
            {
                await context.Error.WriteLineAsync("error: no groups to ask as, so every question would find nothing; give --groups g1,g2 or set RAG_GROUPS.");
                return RagCommandLine.ExitUsage;
            }

            QaCaseSet cases;
            try
            {
                cases = await QaCaseFile.LoadAsync(parse.GetValue(file)!, cancellationToken);
            }
            catch (QaFormatException ex)
            {
                await context.Error.WriteLineAsync("error: " + ex.Message);
                return RagCommandLine.ExitError;
            }

            // The actor marks evaluation traffic in the audit trail; the groups are exactly the ones given.
            var scope = new AccessScope(asked.OnBehalfOf is null ? "eval:" + asked.ActorId : $"eval:{asked.ActorId}:{asked.OnBehalfOf}", asked.Groups);
            var environment = RunEnvironment.Capture(context.Paths.Home);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var evaluator = services.GetRequiredService<QaEvaluator>();

            foreach (var warning in cases.Warnings)
            {
                await context.Error.WriteLineAsync("warning: " + warning);
            }

            var report = await RunAsync(context.Console, evaluator, cases, scope, cutoff, environment, cancellationToken);
            foreach (var warning in report.Warnings.Skip(cases.Warnings.Count))
            {
                await context.Error.WriteLineAsync("warning: " + warning);
            }

            Print(context.Console, report);
            if (parse.GetValue(json) is { } output)
            {
                await ResultFileOutput.WriteAsync(context.Console, output, report, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    // A live progress bar only on a terminal; redirected output gets the table alone.
    private static async Task<QaReport> RunAsync(
        IAnsiConsole console, QaEvaluator evaluator, QaCaseSet cases, AccessScope scope, int k, RunEnvironment environment, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await evaluator.EvaluateAsync(cases, scope, k, environment, cancellationToken: cancellationToken);
        }

        QaReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("asking", maxValue: cases.Cases.Count);
                var progress = new Progress<int>(done => task.Value = done);
                report = await evaluator.EvaluateAsync(cases, scope, k, environment, progress, cancellationToken);
            });
        return report ?? throw new InvalidOperationException("The evaluation did not run.");
    }

    private static void Print(IAnsiConsole console, QaReport report)
    {
        var s = report.Summary;
        var title = $"{Markup.Escape(Path.GetFileName(report.QuestionFile))} — {s.Questions} questions as {Markup.Escape(report.Actor)} [[{Markup.Escape(string.Join(", ", report.Groups))}]], model {Markup.Escape(report.Model?.ModelId ?? "?")}";
        var table = new Table().Title(title)
            .AddColumn("metric")
            .AddColumn(new TableColumn("value").RightAligned())
            .AddColumn("over");
        table.AddRow($"document hit@{s.K}", Rate(s.HitAtK), Of(s.Hits, s.DocumentQuestions, "with expectedDocuments"));
        table.AddRow($"MRR@{s.K}", Rate(s.Mrr), Of(null, s.DocumentQuestions, "with expectedDocuments"));
        table.AddRow("citation precision", Rate(s.CitationPrecision), Of(s.CitationsOnExpected, s.Citations, "citations in their answers"));
        table.AddRow("answer contains", Rate(s.AnswerContainsRate), Of(s.AnswersContaining, s.AnswerQuestions, "with expectedAnswerContains"));
        table.AddRow("answer in first sentence", Rate(s.FirstSentenceRate), Of(s.FirstSentenceContaining, s.AnswerQuestions, "with expectedAnswerContains"));
        table.AddRow("abstained as expected", Rate(s.NoAnswerRate), Of(s.AbstainedAsExpected, s.NoAnswerQuestions, "with expectNoAnswer"));
        table.AddRow("abstained (nothing found)", s.Abstained.ToString(CultureInfo.InvariantCulture), Markup.Escape($"of {s.Questions}; {s.AbstainedWhenAnswerable} expected an answer"));
        if (s.FollowUps + s.TopicChanges > 0)
        {
            table.AddRow("follow-ups passed", s.FollowUpsPassed.ToString(CultureInfo.InvariantCulture), Markup.Escape($"of {s.FollowUps} follow-ups in conversations"));
            table.AddRow("topic changes answered as fresh", s.TopicChangesAsFresh.ToString(CultureInfo.InvariantCulture), Markup.Escape($"of {s.TopicChanges} with topicChange"));
        }

        table.AddRow("all checks passed", s.Passed.ToString(CultureInfo.InvariantCulture), Markup.Escape($"of {s.Questions}"));
        console.Write(table);

        var misses = report.Cases.Where(c => !c.Passed).ToList();
        if (misses.Count == 0)
        {
            return;
        }

        var detail = new Table().Title("Questions with a failed check")
            .AddColumn(new TableColumn("line").RightAligned())
            .AddColumn("question")
            .AddColumn("doc rank")
            .AddColumn("cited expected")
            .AddColumn("answer")
            .AddColumn("missing answer text");
        foreach (var c in misses.Take(MaxMissesShown))
        {
            detail.AddRow(
                c.Line.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Shorten(c.Question, 60)),
                c.Hit is null ? "-" : c.FirstExpectedRank?.ToString(CultureInfo.InvariantCulture) ?? "not retrieved",
                c.CitationsOnExpected is null ? "-" : $"{c.CitationsOnExpected}/{c.Citations.Count}",
                c.Abstained ? (c.AbstainedAsExpected == true ? "nothing found (ok)" : "nothing found") : (c.ExpectNoAnswer ? "answered (should not)" : "answered"),
                Markup.Escape(Shorten(string.Join("; ", c.MissingAnswerText), 40)));
        }

        console.Write(detail);
        if (misses.Count > MaxMissesShown)
        {
            console.MarkupLine($"... and {misses.Count - MaxMissesShown} more (see --json).");
        }
    }

    private static string Rate(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Of(int? count, int total, string what) =>
        Markup.Escape(count is null ? $"{total} {what}" : $"{count}/{total} {what}");

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
