namespace Rag.Bench.Query;

/// <summary>The shape of <see cref="KeywordFilterScenario"/>: the 3,000 chunks, 2,000 of them unreadable.</summary>
/// <param name="UnreadableChunks">Chunks in the set the caller cannot read; every one holds the frequent term.</param>
/// <param name="ReadableChunks">Chunks in the caller's set.</param>
/// <param name="ReadableMatches">Readable chunks holding the frequent term, and (other ones) holding the control term.</param>
/// <param name="ChunksPerDocument">Chunks per synthetic document.</param>
public sealed record KeywordFilterOptions(int UnreadableChunks = 2_000, int ReadableChunks = 1_000, int ReadableMatches = 100, int ChunksPerDocument = 100)
{
    /// <summary>Fails naming the field when the shape cannot be built.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(UnreadableChunks, nameof(UnreadableChunks));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReadableMatches, nameof(ReadableMatches));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChunksPerDocument, nameof(ChunksPerDocument));
        if (ReadableChunks < 2 * ReadableMatches)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadableChunks), ReadableChunks, $"{nameof(ReadableChunks)} must be at least twice {nameof(ReadableMatches)} (one group of matches per term).");
        }
    }
}
