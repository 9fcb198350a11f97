namespace Rag.Bench.Audit;

/// <summary>What <see cref="AuditBenchmark"/> measures.</summary>
/// <param name="WorkDirectory">Throw-away data directory (must be empty or absent; deleted afterwards unless <paramref name="Keep"/>).</param>
/// <param name="Records">Records written by the fill, in batches.</param>
/// <param name="QueriesPerShape">Timed queries per shape of <see cref="AuditQueryMix"/>.</param>
/// <param name="BatchSize">Records per batched append during the fill. Every record of a batch gets the batch's time, so this also sets how finely the records spread over <paramref name="Span"/>.</param>
/// <param name="Appends">Single-record appends timed after the fill.</param>
/// <param name="Users">Distinct users.</param>
/// <param name="Documents">Distinct documents.</param>
/// <param name="PageSize">Records per query page.</param>
/// <param name="Seed">Seed of the synthetic trail and the query parameters.</param>
/// <param name="Keep">Keep <paramref name="WorkDirectory"/> after the run.</param>
/// <param name="Span">Time the fill's records spread over (default 395 days, about 13 months).</param>
public sealed record AuditBenchmarkOptions(
    string WorkDirectory,
    int Records = 1_000_000,
    int QueriesPerShape = 50,
    int BatchSize = 1_000,
    int Appends = 500,
    int Users = 200,
    int Documents = 5_000,
    int PageSize = 100,
    int Seed = 42,
    bool Keep = false,
    TimeSpan? Span = null)
{
    /// <summary>The target: a full verification of 1M records in under this.</summary>
    public const double VerifySecondsMax = 60;

    /// <summary>The target: query p95 at 1M records under this.</summary>
    public const double QueryP95MsMax = 2000;

    /// <summary>Time of the first synthetic record (fixed, so runs compare).</summary>
    public static DateTimeOffset Start { get; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The effective span.</summary>
    public TimeSpan EffectiveSpan => Span ?? TimeSpan.FromDays(395);
}
