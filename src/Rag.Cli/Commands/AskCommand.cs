using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Output;
using Rag.Core.Access;
using Rag.Core.Answers;

namespace Rag.Cli.Commands;

/// <summary><c>rag ask "QUESTION" [--groups g1,g2] [--user U] [--conversation ID] [--json]</c>.</summary>
internal static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var question = new Argument<string>("question") { Description = "The question." };
        var groups = new Option<string?>("--groups") { Description = "Groups you ask as, comma-separated (default: RAG_GROUPS). No groups, no documents." };
        var user = new Option<string?>("--user") { Description = "User you ask on behalf of (default: RAG_USER); the audit trail records it beside your OS account, which is always the actor." };
        var conversation = new Option<string?>("--conversation") { Description = "Continue conversation ID (yours only): a follow-up such as \"and for contractors?\" is read in its light." };
        var json = new Option<bool>("--json") { Description = "Print {answer, grounded, model, removedCitations, notice, citations:[{n, documentId, title, page, chunkId, score, snippet}]} once the answer is complete." };
        var command = new Command("ask", "Ask a question; the answer (written by the configured model, or quoted when none is) cites the documents your groups may read.") { question, groups, user, conversation, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asking = CliUser.Resolve(context, parse.GetValue(user), parse.GetValue(groups));
            var scope = asking.Scope();
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            await AuditCli.RecordConfigurationAsync(services, asking.Actor(AuditCli.Roles), cancellationToken);
            var questions = services.GetRequiredService<QuestionService>();
            var request = new AskRequest(parse.GetValue(question)!) { ConversationId = parse.GetValue(conversation) };
            var audit = asking.QuestionContext(scope);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(AnswerJson.Serialize(await questions.AskAsync(request, scope, audit, cancellationToken)));
            }
            else
            {
                await AnswerPrinter.StreamAsync(context, questions.AskStreamingAsync(request, scope, audit, cancellationToken), scope, cancellationToken);
            }

            return RagCommandLine.ExitOk;
        });
        return command;
    }
}
