namespace Rag.Ingest.Readers;

/// <summary>Bounds applied by <see cref="IsolatedDocumentReader"/> to every file it reads.</summary>
public sealed record DocumentReadLimits
{
    /// <summary>Default per-file time limit: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>Default largest accepted file: 256 MiB.</summary>
    public const long DefaultMaxFileSizeBytes = 256L * 1024 * 1024;

    /// <summary>Default stack of the reader thread: 256 MiB, so deeply nested input hits the parser's own depth guards first.</summary>
    public const int DefaultStackSizeBytes = 256 * 1024 * 1024;

    /// <summary>Default most pages per document: 10,000.</summary>
    public const int DefaultMaxPages = 10_000;

    /// <summary>Default most extracted characters per document: 20,000,000.</summary>
    public const long DefaultMaxCharacters = 20_000_000;

    /// <summary>Wall-clock time one file may take when the caller passes no limit; past it the read fails with "timed out".</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>Largest file accepted, in bytes; larger files fail without being parsed.</summary>
    public long MaxFileSizeBytes { get; init; } = DefaultMaxFileSizeBytes;

    /// <summary>Stack size of the dedicated reader thread, in bytes.</summary>
    public int StackSizeBytes { get; init; } = DefaultStackSizeBytes;

    /// <summary>Most pages a document may have; a longer one fails with the count and the limit.</summary>
    public int MaxPages { get; init; } = DefaultMaxPages;

    /// <summary>Most characters of text a document may yield; a larger one fails with the count and the limit.</summary>
    public long MaxCharacters { get; init; } = DefaultMaxCharacters;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (TimeLimit <= TimeSpan.Zero || TimeLimit.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "TimeLimit must be positive and at most 24 days.");
        }

        if (MaxFileSizeBytes <= 0 || MaxFileSizeBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileSizeBytes), MaxFileSizeBytes, $"MaxFileSizeBytes must be between 1 and {Array.MaxLength}.");
        }

        if (StackSizeBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(StackSizeBytes), StackSizeBytes, "StackSizeBytes must be at least 1 MiB.");
        }

        if (MaxPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPages), MaxPages, "MaxPages must be at least 1.");
        }

        if (MaxCharacters < 1 || MaxCharacters > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCharacters), MaxCharacters, $"MaxCharacters must be between 1 and {int.MaxValue}.");
        }
    }
}
