using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Documents;
using Rag.Cli.Output;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Core.Storage;
using Rag.Core.Text;
using Rag.Ingest.Pipeline;
using Rag.Ingest.Worker;
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
        var noWait = new Option<bool>("--no-wait") { Description = "Queue the files and return at once (a worker indexes them; watch with 'rag documents list --set NAME')." };
        var command = new Command("ingest", "Read, chunk, embed and index documents (PDF, Office, e-mail, Markdown, HTML, text).") { paths, set, groups, sync, noWait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(noWait) && parse.GetValue(sync))
            {
                context.Error.WriteLine("--sync removes documents by the outcome of this run and needs to wait for it: it cannot be combined with --no-wait.");
                return RagCommandLine.ExitUsage;
            }

            var groupList = parse.GetValue(groups) is { } g ? CliContext.SplitList(g) : null;
            var user = CliUser.Resolve(context);
            var request = new IngestionRequest(parse.GetValue(paths)!, parse.GetValue(set)!, groupList, user.ActorId);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            var actor = user.Actor(AuditCli.Roles);
            await AuditCli.RecordConfigurationAsync(services, actor, cancellationToken);
            var batch = await services.GetRequiredService<IngestJobEnqueuer>().EnqueueAsync(request, cancellationToken);
            if (parse.GetValue(noWait))
            {
                PrintQueued(context, batch);
                return RagCommandLine.ExitOk;
            }

            var results = await WaitAsync(context, services, batch, cancellationToken);
            if (parse.GetValue(sync))
            {
                await MirrorAsync(context, services, request, results, actor, cancellationToken);
            }

            return results.Any(r => r.Status == IngestionStatus.Failed) ? RagCommandLine.ExitSomeFilesFailed : RagCommandLine.ExitOk;
        });
        return command;
    }

    /// <summary>Queues the request, waits for it with a progress display and prints the summary; used by <c>ingest</c> and <c>up</c>.</summary>
    public static async Task<IReadOnlyList<IngestionResult>> RunAsync(CliContext context, IServiceProvider services, IngestionRequest request, CancellationToken cancellationToken)
    {
        var batch = await services.GetRequiredService<IngestJobEnqueuer>().EnqueueAsync(request, cancellationToken);
        return await WaitAsync(context, services, batch, cancellationToken);
    }

    // A live worker process does the work and this command only watches; with none, this process runs one until the batch is done.
    private static async Task<IReadOnlyList<IngestionResult>> WaitAsync(CliContext context, IServiceProvider services, EnqueuedBatch batch, CancellationToken cancellationToken)
    {
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var live = await pipeline.LiveWorkersAsync(cancellationToken);
        if (live.Count > 0)
        {
            context.Console.MarkupLine($"queued for worker {Markup.Escape(TerminalText.Escape(live[0].WorkerId))} (batch {batch.BatchId})");
        }

        var results = await IngestionProgressView.RunAsync(context.Console, pipeline, services.GetRequiredService<IIngestJobStore>(), batch, cancellationToken);
        IngestionSummary.Print(context.Console, batch.SetName, results);
        return results;
    }

    internal static void PrintQueued(CliContext context, EnqueuedBatch batch)
    {
        var queued = batch.Jobs.Count(j => j.State is IngestJobState.Queued or IngestJobState.Parsing or IngestJobState.Embedding);
        var set = TerminalText.Escape(batch.SetName);
        context.Console.MarkupLine(
            $"batch {batch.BatchId}: {queued} file(s) queued, {batch.Jobs.Count - queued} already failed unchanged, {batch.Skipped.Count} skipped in [bold]{Markup.Escape(set)}[/].");
        context.Console.MarkupLine($"A worker ('rag worker') indexes them; watch with: rag documents list --set {Markup.Escape(set)}");
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
