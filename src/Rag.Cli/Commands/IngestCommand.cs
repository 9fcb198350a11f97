using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Rag.Cli.Commands.Audit;
using Rag.Cli.Output;
using Rag.Ingest.Pipeline;

namespace Rag.Cli.Commands;

/// <summary><c>rag ingest PATH... --set NAME [--groups g1,g2]</c>.</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Files and folders (read recursively).", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string>("--set") { Description = "Document set to add the documents to.", Required = true };
        var groups = new Option<string?>("--groups") { Description = "Groups that may read the set, comma-separated (required for a new set; replaces the readers of an existing one)." };
        var command = new Command("ingest", "Read, chunk, embed and index documents (PDF, Markdown, HTML, text).") { paths, set, groups };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var groupList = parse.GetValue(groups) is { } g ? CliContext.SplitList(g) : null;
            var user = CliUser.Resolve(context);
            var request = new IngestionRequest(parse.GetValue(paths)!, parse.GetValue(set)!, groupList, user.ActorId);
            await using var services = RagServices.Build(context.Paths, context.ConfigurationOverrides);
            await AuditCli.RecordConfigurationAsync(services, user.Actor(AuditCli.Roles), cancellationToken);
            var results = await RunAsync(context, services.GetRequiredService<IngestionPipeline>(), request, cancellationToken);
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
}
