namespace Rag.Web.Workspaces.Documents;

/// <summary>What one upload did: a result per file, in the order given, and the batch its queued jobs carry.</summary>
internal sealed record UploadResult(string SetName, string? BatchId, IReadOnlyList<UploadFileResult> Files)
{
    public int AcceptedCount => Files.Count(f => f.Accepted);

    public int RefusedCount => Files.Count(f => !f.Accepted);
}
