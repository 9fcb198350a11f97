using Rag.Core.Documents;

namespace Rag.Web.Workspaces.Documents;

/// <summary>An indexed document's original file, open for reading from its start; the caller disposes it.</summary>
internal sealed record DocumentFile(SourceDocument Document, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
