namespace Rag.Ingest.Chunking;

/// <summary>Characters <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) of a text.</summary>
internal readonly record struct TextSegment(int Start, int End)
{
    public int Length => End - Start;
}
