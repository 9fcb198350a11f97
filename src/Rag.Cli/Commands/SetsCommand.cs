using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Core.Text;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary><c>rag sets list | delete NAME</c>.</summary>
internal static class SetsCommand
{
    public static Command Create(CliContext context) =>
        new("sets", "List and delete document sets.")
        {
            List(context),
            Delete(context),
        };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Document sets with the groups that may read them and their document and chunk counts.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var services = RagServices.BuildForCatalog(context.Paths, context.ConfigurationOverrides);
            var sets = await services.GetRequiredService<IDocumentInventory>().ListDocumentSetsAsync(cancellationToken);
            var table = new Table().AddColumns("set", "readers", "documents", "chunks");
            foreach (var s in sets)
            {
                table.AddRow(
                    Text(s.Set.Name), Text(string.Join(", ", s.Set.Groups)),
                    s.Documents.ToString(CultureInfo.InvariantCulture), s.Chunks.ToString(CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{sets.Count} set(s).");
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The document set." };
        var user = AuditCli.UserOption();
        var command = new Command("delete", "Delete a set with all its documents, chunks, vectors and keyword entries (audited as documentset.deleted before it goes).") { name, user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var actor = AuditCli.Actor(context, parse.GetValue(user));
            await using var services = RagServices.BuildForCatalog(context.Paths, context.ConfigurationOverrides);
            var setName = parse.GetValue(name)!;
            var removed = await services.GetRequiredService<DocumentLifecycle>().DeleteSetAsync(setName, actor, cancellationToken)
                ?? throw new InvalidOperationException($"Document set '{setName}' does not exist (`rag sets list` shows them).");
            context.Console.MarkupLine($"{Text(setName)}: deleted, {removed} document(s) removed.");
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static string Text(string? value) => Markup.Escape(TerminalText.Escape(value));
}
