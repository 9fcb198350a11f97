namespace Rag.Hosting;

/// <summary>Where traces and metrics are exported: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (a variable or configuration key).</summary>
public sealed class OtlpExportOptions
{
    /// <summary>The collector's address, e.g. <c>http://127.0.0.1:4318</c>; unset: nothing is exported.</summary>
    public string? Endpoint { get; set; }
}
