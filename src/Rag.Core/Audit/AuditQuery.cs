using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Audit;

/// <summary>A filter over the audit log, paged newest first by sequence number (keyset paging: stable while records are appended).</summary>
public sealed record AuditQuery
{
    /// <summary>Largest page size a caller may ask for.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Records at or after this time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Records whose actor id is this (exact).</summary>
    public string? UserId { get; init; }

    /// <summary>Records of this action (exact, e.g. <c>question.asked</c>).</summary>
    public string? Action { get; init; }

    /// <summary>Records that name this id among their targets (a document id, chunk id or set name).</summary>
    public string? Target { get; init; }

    /// <summary>Records with this outcome.</summary>
    public string? Outcome { get; init; }

    /// <summary>Only records with a sequence number below this (the previous page's <see cref="AuditPage.NextBefore"/>).</summary>
    public long? Before { get; init; }

    /// <summary>Records per page, 1 to <see cref="MaxPageSize"/>.</summary>
    [Range(1, MaxPageSize)]
    public int PageSize { get; init; } = 100;
}
