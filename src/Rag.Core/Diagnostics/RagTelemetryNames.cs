namespace Rag.Core.Diagnostics;

/// <summary>
/// The names of the product's <see cref="System.Diagnostics.ActivitySource"/>s and <see cref="System.Diagnostics.Metrics.Meter"/>s,
/// one per area: a host subscribes to them by name (Rag.Hosting), so code anywhere can emit without referencing the host.
/// </summary>
public static class RagTelemetryNames
{
    /// <summary>Ingestion: one span per document with its parse, chunk, embed and write steps; embedding batches.</summary>
    public const string Ingest = "Rag.Ingest";

    /// <summary>Retrieval: the dense and keyword searches and their fusion.</summary>
    public const string Retrieve = "Rag.Retrieve";

    /// <summary>Answers: one span per question, with the model's generation inside it.</summary>
    public const string Answer = "Rag.Answer";

    /// <summary>The audit trail: every append.</summary>
    public const string Audit = "Rag.Audit";

    /// <summary>The egress guard: refused connections.</summary>
    public const string Egress = "Rag.Egress";

    /// <summary>Every name above, for a host to subscribe to.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Retrieve, Answer, Audit, Egress];
}
