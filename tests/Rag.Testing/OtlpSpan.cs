namespace Rag.Testing;

/// <summary>One span as an OTLP trace export carried it (ids in lower-case hex; an empty parent id: a root span).</summary>
/// <param name="Scope">The instrumentation scope (the ActivitySource's name).</param>
/// <param name="Name">The span's name.</param>
/// <param name="TraceId">The trace it belongs to.</param>
/// <param name="SpanId">Its own id.</param>
/// <param name="ParentSpanId">Its parent's id, or empty.</param>
public sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);
