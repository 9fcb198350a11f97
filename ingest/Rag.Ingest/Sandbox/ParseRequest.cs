using Rag.Ingest.Readers;

namespace Rag.Ingest.Sandbox;

/// <summary>One document for a parser child: the file to read, which reader, and the limits. Sent over the child's stdin, never logged.</summary>
/// <param name="Path">Full path of the file; the child opens it itself.</param>
/// <param name="ReaderType">Full type name of the reader; the child takes the reader of its default registry for the file's extension, and only when its type matches.</param>
/// <param name="Password">The PDF password configured for the document's set, if any.</param>
/// <param name="Limits">File size, stack, pages and characters limits (the wall-clock and memory limits are the parent's).</param>
/// <param name="Readers">How the parent's readers are configured; null: the defaults.</param>
public sealed record ParseRequest(string Path, string ReaderType, string? Password, DocumentReadLimits Limits, ReaderSettings? Readers = null);
