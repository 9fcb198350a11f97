using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Models;
using Rag.Cli.Output;
using Rag.Core.Access;
using Rag.Core.Answers;

namespace Rag.Cli.Commands;

/// <summary>
/// <c>rag chat</c>: installs the default models, ingests the sample documents (synchronously: a running worker does
/// the work, otherwise this process does) and opens an ask prompt. No server is started (that is <c>rag up</c>).
/// </summary>
internal static class ChatCommand
{

    public static Command Create(CliContext context)
    {
        var groups = new Option<string>("--groups") { Description = "Groups you ask as at the prompt.", DefaultValueFactory = _ => "employees" };
        var command = new Command("chat", "Install models, ingest the sample documents and ask questions at an interactive prompt (no server).") { groups };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var manifest = ModelManifest.Load(context.Paths.ModelManifest);
            await ModelsCommand.InstallAsync(context, ModelsCommand.Select(manifest, [], all: false), cancellationToken);
            var user = CliUser.Resolve(context, groups: parse.GetValue(groups));
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            await AuditCli.RecordConfigurationAsync(services, user.Actor(AuditCli.Roles), cancellationToken);
            foreach (var request in SampleDocuments.Requests(context, user.ActorId))
            {
                await IngestCommand.RunAsync(context, services, request, cancellationToken);
            }

            await AuditCli.PrintTrustAnchorAsync(context, services);
            await PromptAsync(context, services.GetRequiredService<QuestionService>(), user, cancellationToken);
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static async Task PromptAsync(CliContext context, QuestionService questions, CliUser user, CancellationToken cancellationToken)
    {
        var scope = user.Scope();
        await context.Output.WriteLineAsync();
        await context.Output.WriteLineAsync($"Ask about the sample documents as '{scope.UserId}' in groups [{string.Join(", ", scope.Groups)}].");
        await context.Output.WriteLineAsync("Commands: :groups g1,g2 (switch groups), :new (new conversation), :quit. Try: How many days of annual leave do I get?");
        var conversation = "chat-" + Guid.NewGuid().ToString("N");
        while (!cancellationToken.IsCancellationRequested)
        {
            await context.Output.WriteAsync("ask> ");
            await context.Output.FlushAsync(cancellationToken);
            var line = await context.Input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is ":quit" or ":q" or ":exit")
            {
                await context.Output.WriteLineAsync();
                return;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.Trim() == ":new")
            {
                conversation = "chat-" + Guid.NewGuid().ToString("N");
                await context.Output.WriteLineAsync("New conversation.");
                continue;
            }

            if (line.TrimStart().StartsWith(":groups", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    scope = new AccessScope(scope.UserId, CliContext.SplitList(line.Trim()[7..]));
                }
                catch (ArgumentException ex)
                {
                    await context.Output.WriteLineAsync($"{ex.Message} Still asking in groups [{string.Join(", ", scope.Groups)}].");
                    continue;
                }

                conversation = "chat-" + Guid.NewGuid().ToString("N");
                await context.Output.WriteLineAsync($"Now asking in groups [{string.Join(", ", scope.Groups)}].");
                continue;
            }

            // One conversation per prompt session (and per groups choice), so follow-ups are read in context.
            var request = new AskRequest(line) { ConversationId = conversation };
            await AnswerPrinter.StreamAsync(context, questions.AskStreamingAsync(request, scope, user.QuestionContext(scope), cancellationToken), scope, cancellationToken);
            await context.Output.WriteLineAsync();
        }
    }
}
