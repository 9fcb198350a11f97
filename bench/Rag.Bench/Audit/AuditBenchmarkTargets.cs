namespace Rag.Bench.Audit;

/// <summary>The speed targets and whether this run met them (they are stated for 1M records).</summary>
/// <param name="VerifySecondsMax">A full verification must take less than this.</param>
/// <param name="QueryP95MsMax">The query p95 over the whole mix must be below this.</param>
/// <param name="VerifyMet">Verification took less than <paramref name="VerifySecondsMax"/>.</param>
/// <param name="QueryP95Met">The overall query p95 was below <paramref name="QueryP95MsMax"/>.</param>
/// <param name="ShapesOverQueryP95Max">Shapes whose own p95 was not below <paramref name="QueryP95MsMax"/>.</param>
public sealed record AuditBenchmarkTargets(
    double VerifySecondsMax,
    double QueryP95MsMax,
    bool VerifyMet,
    bool QueryP95Met,
    IReadOnlyList<string> ShapesOverQueryP95Max);
