namespace Rag.Web.Workspaces.Status;

/// <summary>One store in the data directory and its size on disk.</summary>
/// <param name="Name">File or folder name (a database counts with its <c>-wal</c> and <c>-shm</c> files).</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Files">Files counted.</param>
public sealed record StoreSize(string Name, long Bytes, int Files);
