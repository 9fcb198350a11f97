using Microsoft.Extensions.DependencyInjection;

namespace Rag.Bench.Ingest;

/// <summary>What <see cref="IngestBenchmark"/> measures and where it may write.</summary>
public sealed class IngestBenchmarkOptions
{
    /// <summary>The corpus: a folder read recursively (every file a reader supports), or one file.</summary>
    public required string Corpus { get; init; }

    /// <summary>
    /// A folder for the two throw-away data directories (stages alone, end to end); a fresh sub-folder is created
    /// in it and deleted afterwards.
    /// </summary>
    public required string WorkDirectory { get; init; }

    /// <summary>
    /// Builds the product's services over a data directory (the command line passes its composition root).
    /// The benchmark owns and disposes what it returns.
    /// </summary>
    public required Func<string, ServiceProvider> ServicesFor { get; init; }

    /// <summary>Use only N files, evenly spaced in the ordinal order of their paths (a deterministic spread); null = all.</summary>
    public int? FileLimit { get; init; }

    /// <summary>The repository root, to record the commit with the result.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Minimum end-to-end throughput as a fraction of the slowest stage alone.</summary>
    public double Target { get; init; } = 0.8;
}
