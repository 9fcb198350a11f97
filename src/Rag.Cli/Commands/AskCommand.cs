using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Output;
using Rag.Core.Access;
using Rag.Core.Answers;

namespace Rag.Cli.Commands;

/// <summary><c>rag ask "QUESTION" [--groups g1,g2] [--user U] [--json]</c>.</summary>
internal static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var question = new Argument<string>("question") { Description = "The question." };
        var groups = new Option<string?>("--groups") { Description = "Groups you ask as, comma-separated (default: RAG_GROUPS). No groups, no documents." };
        var user = new Option<string?>("--user") { Description = "User id recorded in the audit trail (default: RAG_USER or the OS user)." };
        var json = new Option<bool>("--json") { Description = "Print {answer, citations:[{n, documentId, title, page, chunkId, score, snippet}]}." };
        var command = new Command("ask", "Ask a question; the answer quotes the documents your groups may read, with citations.") { question, groups, user, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var scope = Scope(parse.GetValue(user), parse.GetValue(groups));
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            await AuditCli.RecordConfigurationAsync(services, AuditCli.Actor(scope.UserId), cancellationToken);
            var answer = await services.GetRequiredService<QuestionService>().AskAsync(parse.GetValue(question)!, scope, cancellationToken);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(AnswerJson.Serialize(answer));
            }
            else
            {
                AnswerPrinter.Print(context.Console, answer, scope);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }

    public static AccessScope Scope(string? user, string? groups)
    {
        var userId = user ?? Environment.GetEnvironmentVariable("RAG_USER") ?? Environment.UserName;
        return new AccessScope(userId, CliContext.SplitList(groups ?? Environment.GetEnvironmentVariable("RAG_GROUPS")));
    }
}
