using Rag.Ingest.Pipeline;

namespace Rag.Cli.Commands;

/// <summary>The sample documents <c>rag up</c> and <c>rag chat</c> ingest: samples/handbook as set handbook (group employees), samples/finance as set finance (group finance).</summary>
internal static class SampleDocuments
{
    private static readonly (string Folder, string Set, string Groups)[] Samples =
    [
        ("handbook", "handbook", "employees"),
        ("finance", "finance", "finance"),
    ];

    public static IEnumerable<IngestionRequest> Requests(CliContext context, string actorId) =>
        Samples.Select(s => new IngestionRequest([Path.Combine(context.Paths.Home, "samples", s.Folder)], s.Set, CliContext.SplitList(s.Groups), actorId));
}
