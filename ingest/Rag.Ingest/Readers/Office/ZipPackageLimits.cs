namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Bounds checked by <see cref="ZipPackageGuard"/> before a ZIP-based document (DOCX, PPTX, XLSX) is opened
/// (configuration <c>Rag:Ingestion:Zip*</c>).
/// </summary>
public sealed record ZipPackageLimits
{
    /// <summary>Default most entries: 10,000.</summary>
    public const int DefaultMaxEntries = 10_000;

    /// <summary>Default most inflated bytes, all entries together: 512 MiB.</summary>
    public const long DefaultMaxUncompressedBytes = 512L * 1024 * 1024;

    /// <summary>Default largest uncompressed-to-compressed ratio of one entry: 200 (ordinary XML compresses 5–30 times).</summary>
    public const int DefaultMaxCompressionRatio = 200;

    /// <summary>Entries smaller than this (inflated) are not ratio-checked: a tiny repetitive part can compress far beyond any ratio.</summary>
    public const long RatioExemptBytes = 64 * 1024;

    /// <summary>Most entries in the package.</summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;

    /// <summary>Most bytes all entries may inflate to.</summary>
    public long MaxUncompressedBytes { get; init; } = DefaultMaxUncompressedBytes;

    /// <summary>Largest ratio of inflated to compressed size for one entry.</summary>
    public int MaxCompressionRatio { get; init; } = DefaultMaxCompressionRatio;

    /// <summary>Refuse two entries with the same name (case-insensitive, as Open Packaging Conventions part names are).</summary>
    public bool RejectDuplicateNames { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (MaxEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "Rag:Ingestion:ZipMaxEntries must be at least 1.");
        }

        if (MaxUncompressedBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUncompressedBytes), MaxUncompressedBytes, "Rag:Ingestion:ZipMaxUncompressedBytes must be at least 1.");
        }

        if (MaxCompressionRatio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), MaxCompressionRatio, "Rag:Ingestion:ZipMaxCompressionRatio must be at least 1.");
        }
    }
}
