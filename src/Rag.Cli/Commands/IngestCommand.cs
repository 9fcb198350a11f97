using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Documents;
using Rag.Cli.Output;
using Rag.Core.Documents;
using Rag.Core.Storage;
using Rag.Ingest.Pipeline;
using Spectre.Console;

namespace Rag.Cli.Commands;

/// <summary><c>rag ingest PATH... --set NAME [--groups g1,g2] [--sync]</c>.</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Files and folders (read recursively).", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string>("--set") { Description = "Document set to add the documents to.", Required = true };
        var groups = new Option<string?>("--groups") { Description = "Groups that may read the set, comma-separated (required for a new set; replaces the readers of an existing one)." };
        var sync = new Option<bool>("--sync") { Description = "Make the set mirror the paths: documents whose files are gone from them are removed (audited as document.removed)." };
        var command = new Command("ingest", "Read, chunk, embed and index documents (PDF, Office, e-mail, Markdown, HTML, text).") { paths, set, groups, sync };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var groupList = parse.GetValue(groups) is { } g ? CliContext.SplitList(g) : null;
            var user = CliUser.Resolve(context);
            var request = new IngestionRequest(parse.GetValue(paths)!, parse.GetValue(set)!, groupList, user.ActorId);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var actor = user.Actor(AuditCli.Roles);
            await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
            var results = await RunAsync(context, services.GetRequiredService<IngestionPipeline>(), request, cancellationToken);
            if (parse.GetValue(sync))
            {
                await MirrorAsync(context, services, request, results, actor, cancellationToken);
            }

            return results.Any(r => r.Status == IngestionStatus.Failed) ? RagCommandLine.ExitSomeFilesFailed : RagCommandLine.ExitOk;
        });
        return command;
    }

    /// <summary>Runs the pipeline with a progress display and prints the summary; used by <c>ingest</c> and <c>up</c>.</summary>
    public static async Task<IReadOnlyList<IngestionResult>> RunAsync(CliContext context, IngestionPipeline pipeline, IngestionRequest request, CancellationToken cancellationToken)
    {
        var results = await IngestionProgressView.RunAsync(context.Console, pipeline, request, cancellationToken);
        IngestionSummary.Print(context.Console, request.SetName, results);
        return results;
    }

    private static async Task MirrorAsync(
        CliContext context, IServiceProvider services, IngestionRequest request, IReadOnlyList<IngestionResult> results, Core.Audit.AuditActor actor, CancellationToken cancellationToken)
    {
        var documents = await services.GetRequiredService<IDocumentInventory>().ListDocumentsAsync(request.SetName, cancellationToken);
        var gone = FolderMirror.Gone(request.Paths, results, documents);
        var removed = await services.GetRequiredService<DocumentLifecycle>()
            .RemoveDocumentsAsync([.. gone.Select(d => d.Document)], actor, "file gone from the ingested folder (ingest --sync)", cancellationToken);
        context.Console.MarkupLine($"--sync: {removed} document(s) removed (their files are gone).");
    }
}
