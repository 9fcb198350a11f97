namespace Rag.Ingest.Chunking;

/// <summary>
/// A chunk of one section before it gets its id: document text <see cref="Start"/> to <see cref="End"/>, made of
/// units <see cref="FirstUnit"/>..<see cref="LastUnit"/> preceded by overlap taken from unit <see cref="PageUnit"/> on.
/// </summary>
internal readonly record struct PendingChunk(int Start, int End, int PageUnit, int FirstUnit, int LastUnit, int Tokens);
