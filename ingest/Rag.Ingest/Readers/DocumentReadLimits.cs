namespace Rag.Ingest.Readers;

/// <summary>Bounds applied by <see cref="IsolatedDocumentReader"/> to every file it reads.</summary>
public sealed class DocumentReadLimits
{
    /// <summary>Default per-file time limit: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>Default largest accepted file: 256 MiB.</summary>
    public const long DefaultMaxFileSizeBytes = 256L * 1024 * 1024;

    /// <summary>Default stack of the reader thread: 256 MiB, so deeply nested input hits the parser's own depth guards first.</summary>
    public const int DefaultStackSizeBytes = 256 * 1024 * 1024;

    /// <summary>Wall-clock time one file may take when the caller passes no limit; past it the read fails with "timed out".</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>Largest file accepted, in bytes; larger files fail without being parsed.</summary>
    public long MaxFileSizeBytes { get; init; } = DefaultMaxFileSizeBytes;

    /// <summary>Stack size of the dedicated reader thread, in bytes.</summary>
    public int StackSizeBytes { get; init; } = DefaultStackSizeBytes;

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
    }
}
