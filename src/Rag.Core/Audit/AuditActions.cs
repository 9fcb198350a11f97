namespace Rag.Core.Audit;

/// <summary>Names of audited actions.</summary>
public static class AuditActions
{
    /// <summary>A user signed in.</summary>
    public const string SignIn = "auth.signin";

    /// <summary>A question was asked (written before retrieval starts).</summary>
    public const string QuestionAsked = "question.asked";

    /// <summary>Chunks were retrieved for a question: document ids, versions, chunk ids, scores.</summary>
    public const string ChunksRetrieved = "retrieval.performed";

    /// <summary>An answer was given (text or its SHA-256).</summary>
    public const string AnswerGiven = "answer.given";

    /// <summary>A document set was created.</summary>
    public const string DocumentSetCreated = "documentset.created";

    /// <summary>A document set's readers (groups) changed: a permission change.</summary>
    public const string DocumentSetChanged = "documentset.changed";

    /// <summary>A document set was deleted.</summary>
    public const string DocumentSetDeleted = "documentset.deleted";

    /// <summary>A document was uploaded and indexed (or replaced by a new version).</summary>
    public const string DocumentIndexed = "document.indexed";

    /// <summary>A document failed to ingest.</summary>
    public const string DocumentFailed = "document.failed";

    /// <summary>A document was removed.</summary>
    public const string DocumentRemoved = "document.removed";

    /// <summary>A document's original file was downloaded (or a download was refused).</summary>
    public const string DocumentDownloaded = "document.downloaded";

    /// <summary>A permission other than a set's readers changed.</summary>
    public const string PermissionChanged = "permission.changed";

    /// <summary>A user's roles changed.</summary>
    public const string RoleChanged = "role.changed";

    /// <summary>The effective configuration changed since the last record of it.</summary>
    public const string ConfigurationChanged = "config.changed";

    /// <summary>A model (embedding or chat) changed since the last record of it.</summary>
    public const string ModelChanged = "model.changed";

    /// <summary>An outbound connection was blocked by the egress guard.</summary>
    public const string EgressBlocked = "egress.blocked";

    /// <summary>Someone read the audit log.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Someone exported the audit log.</summary>
    public const string AuditExported = "audit.exported";

    /// <summary>Someone verified the audit log (or an export).</summary>
    public const string AuditVerified = "audit.verified";

    /// <summary>Records older than the retention period were purged (a signed marker keeps verification whole).</summary>
    public const string AuditPurged = "audit.purged";
}
