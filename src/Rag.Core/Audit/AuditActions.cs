namespace Rag.Core.Audit;

/// <summary>Names of audited actions.</summary>
public static class AuditActions
{
    /// <summary>A question was asked and answered (or refused).</summary>
    public const string QuestionAsked = "question.asked";

    /// <summary>A document was indexed or replaced.</summary>
    public const string DocumentIndexed = "document.indexed";

    /// <summary>A document failed to ingest.</summary>
    public const string DocumentFailed = "document.failed";

    /// <summary>A document set was created or its readers changed.</summary>
    public const string DocumentSetChanged = "documentset.changed";
}
