namespace Rag.Web.Workspaces.Documents;

/// <summary>
/// One file of an upload as the page (Blazor's <c>IBrowserFile</c>) or an endpoint hands it over: its name, the size the
/// client declared (checked before reading, and again against the bytes that arrive), and how to open its content as a
/// stream, which is read once and never held whole in memory.
/// </summary>
/// <param name="Name">The file's name as the client sent it.</param>
/// <param name="DeclaredBytes">The size the client declared.</param>
/// <param name="OpenRead">Opens the content; called at most once.</param>
internal sealed record UploadedFile(string Name, long DeclaredBytes, Func<CancellationToken, Stream> OpenRead);
