namespace Rag.Bench.Audit;

/// <summary>The inputs of an audit benchmark run.</summary>
public sealed record AuditBenchmarkParameters(
    int Records,
    int BatchSize,
    int Appends,
    int QueriesPerShape,
    int PageSize,
    int Users,
    int Documents,
    int Seed,
    DateTimeOffset FirstRecordTime,
    double SpanDays,
    int CheckpointEveryRecords,
    string Trail,
    string Sync);
