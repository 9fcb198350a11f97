using System.Diagnostics.Metrics;

namespace Rag.Core.Diagnostics;

/// <summary>The product's meters and the instruments an operator watches, one meter per area of <see cref="RagTelemetryNames"/>.</summary>
public static class RagMetrics
{
    private static readonly Meter IngestMeter = new(RagTelemetryNames.Ingest);
    private static readonly Meter RetrieveMeter = new(RagTelemetryNames.Retrieve);
    private static readonly Meter AnswerMeter = new(RagTelemetryNames.Answer);
    private static readonly Meter AuditMeter = new(RagTelemetryNames.Audit);
    private static readonly Meter EgressMeter = new(RagTelemetryNames.Egress);

    /// <summary>Seconds from reading a document to its chunks being written (tag <c>rag.outcome</c>).</summary>
    public static Histogram<double> IngestDocumentDuration { get; } =
        IngestMeter.CreateHistogram<double>("rag.ingest.document.duration", "s", "Time to ingest one document.");

    /// <summary>Inputs per call to the embedding model.</summary>
    public static Histogram<int> EmbeddingBatchSize { get; } =
        IngestMeter.CreateHistogram<int>("rag.embedding.batch.size", "{input}", "Inputs per embedding call.");

    /// <summary>Inputs embedded per second, per call.</summary>
    public static Histogram<double> EmbeddingThroughput { get; } =
        IngestMeter.CreateHistogram<double>("rag.embedding.throughput", "{input}/s", "Inputs embedded per second, per call.");

    /// <summary>Seconds one retrieval (dense and keyword search, fusion) takes.</summary>
    public static Histogram<double> RetrieveDuration { get; } =
        RetrieveMeter.CreateHistogram<double>("rag.retrieve.duration", "s", "Time to retrieve the chunks for one question.");

    /// <summary>Seconds from a question to its complete answer (tag <c>rag.outcome</c>).</summary>
    public static Histogram<double> QuestionDuration { get; } =
        AnswerMeter.CreateHistogram<double>("rag.question.duration", "s", "Time to answer one question.");

    /// <summary>Seconds one append to the audit trail takes.</summary>
    public static Histogram<double> AuditAppendDuration { get; } =
        AuditMeter.CreateHistogram<double>("rag.audit.append.duration", "s", "Time to append records to the audit trail.");

    /// <summary>Outbound connections the egress guard refused (tag <c>rag.egress.component</c>).</summary>
    public static Counter<long> EgressRefusals { get; } =
        EgressMeter.CreateCounter<long>("rag.egress.refusals", "{connection}", "Outbound connections refused by the egress guard.");
}
