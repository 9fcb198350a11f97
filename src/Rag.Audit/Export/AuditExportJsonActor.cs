using System.Text.Json.Serialization;

namespace Rag.Audit.Export;

/// <summary>The actor of a record as JSON (<see cref="AuditExportJsonRow"/>).</summary>
public sealed record AuditExportJsonActor(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups,
    [property: JsonPropertyName("roles")] IReadOnlyList<string>? Roles);
