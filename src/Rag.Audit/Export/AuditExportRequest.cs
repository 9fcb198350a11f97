using Rag.Core.Audit;

namespace Rag.Audit.Export;

/// <summary>What to export: a time range, optional user and action filters (the same semantics as <see cref="AuditQuery"/>), and where to.</summary>
public sealed record AuditExportRequest
{
    /// <summary>The export file; its manifest goes beside it (<see cref="AuditExporter.ManifestPathFor"/>). Neither may exist.</summary>
    public required string OutputPath { get; init; }

    /// <summary>CSV or JSON Lines.</summary>
    public required AuditExportFormat Format { get; init; }

    /// <summary>Records at or after this time (inclusive); null for the start of the log.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive); null for up to the export's own record.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Records whose actor id is this (exact).</summary>
    public string? UserId { get; init; }

    /// <summary>Records of this action (exact).</summary>
    public string? Action { get; init; }

    /// <summary>The client address recorded with the <c>audit.exported</c> record.</summary>
    public string ClientAddress { get; init; } = AuditContext.LocalClient;

    /// <summary>True when <paramref name="record"/> passes every filter.</summary>
    public bool Matches(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (From is not { } from || record.Time >= from)
            && (To is not { } to || record.Time < to)
            && (UserId is not { Length: > 0 } user || string.Equals(record.Event.Actor.Id, user, StringComparison.Ordinal))
            && (Action is not { Length: > 0 } action || string.Equals(record.Event.Action, action, StringComparison.Ordinal));
    }
}
