using System.Diagnostics;

namespace Rag.Core.Diagnostics;

/// <summary>The product's activity sources (spans), one per area of <see cref="RagTelemetryNames"/>. Without a listener they cost nothing.</summary>
public static class RagActivities
{
    /// <summary>Spans <c>ingest.document</c>, <c>ingest.parse</c>, <c>ingest.chunk</c>, <c>ingest.embed</c>, <c>ingest.write</c>.</summary>
    public static ActivitySource Ingest { get; } = new(RagTelemetryNames.Ingest);

    /// <summary>Span <c>retrieve</c>.</summary>
    public static ActivitySource Retrieve { get; } = new(RagTelemetryNames.Retrieve);

    /// <summary>Spans <c>answer</c> (one per question) and <c>generate</c> (the model writing it).</summary>
    public static ActivitySource Answer { get; } = new(RagTelemetryNames.Answer);

    /// <summary>Span <c>audit.append</c>.</summary>
    public static ActivitySource Audit { get; } = new(RagTelemetryNames.Audit);

    /// <summary>Reserved for the egress guard's spans (it reports refusals as a metric).</summary>
    public static ActivitySource Egress { get; } = new(RagTelemetryNames.Egress);
}
