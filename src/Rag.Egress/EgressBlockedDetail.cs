using System.Text.Json.Serialization;

namespace Rag.Egress;

/// <summary>The JSON detail of an <c>egress.blocked</c> audit record.</summary>
internal sealed record EgressBlockedDetail(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("reason")] string Reason);
