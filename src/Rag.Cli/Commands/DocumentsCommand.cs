using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Documents;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Core.Text;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary><c>rag documents list [--set S] | show ID-or-path [--set S] | remove ID-or-path... [--set S]</c>.</summary>
internal static class DocumentsCommand
{
    public static Command Create(CliContext context) =>
        new("documents", "List, show and remove indexed documents (with the state and reason of each file the queue knows).")
        {
            List(context),
            Show(context),
            Remove(context),
        };

    private static Option<string?> SetOption() => new("--set") { Description = "Only this document set." };

    private static Command List(CliContext context)
    {
        var set = SetOption();
        var command = new Command("list", "Documents with their state, pages, chunks, file name, path and, for failed or skipped files, the reason.") { set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = RagServices.BuildForCatalog(context.Paths, context.ConfigurationOverrides);
            var rows = await ReadAsync(services, parse.GetValue(set), cancellationToken);
            // One line per document, tab-separated and never wrapped: read by people and by scripts alike.
            await context.Output.WriteLineAsync("id\tset\tstate\tpages\tchunks\tfile\tpath\treason");
            foreach (var r in rows)
            {
                await context.Output.WriteLineAsync(string.Join('\t',
                    r.DocumentId, Plain(r.SetName), r.State, r.Pages.ToString(CultureInfo.InvariantCulture), r.Chunks.ToString(CultureInfo.InvariantCulture),
                    Plain(r.FileName), Plain(r.RelativePath), Plain(r.Reason)));
            }

            await context.Output.WriteLineAsync($"{rows.Count} document(s).");
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var target = new Argument<string>("document") { Description = "Document id, or its path relative to the ingested folder." };
        var set = SetOption();
        var command = new Command("show", "One document: title, file, path, state, pages, chunks, version and, when it failed or was skipped, why.") { target, set };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = RagServices.BuildForCatalog(context.Paths, context.ConfigurationOverrides);
            var row = DocumentRows.Resolve(await ReadAsync(services, parse.GetValue(set), cancellationToken), parse.GetValue(target)!);
            var grid = new Grid().AddColumn().AddColumn();
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    grid.AddRow(name, Text(value));
                }
            }

            Add("id", row.DocumentId);
            Add("set", row.SetName);
            Add("title", row.Entry?.Document.Title);
            Add("file", row.FileName);
            Add("path", row.RelativePath);
            Add("state", row.State);
            Add("reason", row.Reason);
            Add("pages", row.Pages.ToString(CultureInfo.InvariantCulture));
            Add("chunks", row.Chunks.ToString(CultureInfo.InvariantCulture));
            Add("type", row.Entry?.Document.MediaType);
            Add("version", row.Entry?.Document.ContentHash);
            Add("indexed", row.Entry?.IndexedAt.ToString("u", CultureInfo.InvariantCulture));
            Add("attempts", row.Job?.Attempts.ToString(CultureInfo.InvariantCulture));
            context.Console.Write(grid);
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var targets = new Argument<string[]>("document") { Description = "Document ids, or paths relative to the ingested folder.", Arity = ArgumentArity.OneOrMore };
        var set = SetOption();
        var user = AuditCli.UserOption();
        var command = new Command("remove", "Remove documents: their chunks, vectors and keyword entries (audited as document.removed before they go).") { targets, set, user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var actor = AuditCli.Actor(context, parse.GetValue(user));
            await using var services = RagServices.BuildForCatalog(context.Paths, context.ConfigurationOverrides);
            var rows = await ReadAsync(services, parse.GetValue(set), cancellationToken);

            // Every name resolves before anything is removed: a typo removes nothing.
            var chosen = parse.GetValue(targets)!.Select(t => DocumentRows.Resolve(rows, t)).DistinctBy(r => r.DocumentId).ToList();
            var indexed = chosen.Where(r => r.Entry is not null).Select(r => r.Entry!.Document).ToList();
            var removed = await services.GetRequiredService<DocumentLifecycle>().RemoveDocumentsAsync(indexed, actor, "removed by the operator", cancellationToken);
            foreach (var r in chosen)
            {
                context.Console.MarkupLine(r.Entry is null
                    ? $"{Text(r.RelativePath)} ({Text(r.SetName)}): not indexed ({Text(r.State)}), nothing to remove."
                    : $"{Text(r.RelativePath)} ({Text(r.SetName)}): removed, {r.Chunks} chunks.");
            }

            context.Console.MarkupLine($"{removed} document(s) removed.");
            return RagCommandLine.ExitOk;
        });
        return command;
    }

    private static Task<IReadOnlyList<DocumentRow>> ReadAsync(IServiceProvider services, string? set, CancellationToken cancellationToken) =>
        DocumentRows.ReadAsync(services.GetRequiredService<IDocumentInventory>(), services.GetService<IIngestJobStore>(), set, cancellationToken);

    // Names, paths and reasons come from the files and their authors: no control character, no Spectre markup.
    private static string Text(string? value) => Markup.Escape(TerminalText.Escape(value));

    // The same for plain lines (a tab in a name is escaped too, so the columns hold).
    private static string Plain(string? value) => TerminalText.Escape(value);
}
