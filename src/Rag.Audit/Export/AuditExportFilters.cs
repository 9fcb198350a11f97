using System.Text.Json.Serialization;
using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>The filters of an export as the manifest records them (times as <see cref="AuditChain.FormatTime"/>, null when not set).</summary>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
/// <param name="User">Actor id filter.</param>
/// <param name="Action">Action filter.</param>
public sealed record AuditExportFilters(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("action")] string? Action)
{
    /// <summary>The filters of <paramref name="request"/>.</summary>
    public static AuditExportFilters Of(AuditExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AuditExportFilters(
            request.From is { } from ? AuditChain.FormatTime(from) : null,
            request.To is { } to ? AuditChain.FormatTime(to) : null,
            request.UserId is { Length: > 0 } user ? user : null,
            request.Action is { Length: > 0 } action ? action : null);
    }
}
