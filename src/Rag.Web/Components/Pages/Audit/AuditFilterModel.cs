using Rag.Web.Workspaces.Audit;

namespace Rag.Web.Components.Pages.Audit;

/// <summary>The filter form's fields (times are UTC, as the audit log stores them).</summary>
public sealed class AuditFilterModel
{
    public DateTime? FromUtc { get; set; }

    public DateTime? ToUtc { get; set; }

    public string? UserId { get; set; }

    public string? Action { get; set; }

    public string? Document { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The workspace's filter for these fields.</summary>
    public AuditLogFilter ToFilter() => new()
    {
        From = Utc(FromUtc),
        To = Utc(ToUtc),
        UserId = UserId,
        Action = Action,
        Document = Document,
        Outcome = Outcome,
    };

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeSpan.Zero) : null;
}
