namespace Rag.Core.Audit;

/// <summary>Outcome values used by the application's own records.</summary>
public static class AuditOutcomes
{
    /// <summary>Done as asked.</summary>
    public const string Ok = "ok";

    /// <summary>A question was answered from the documents.</summary>
    public const string Answered = "answered";

    /// <summary>A question found nothing relevant in the caller's documents.</summary>
    public const string NothingFound = "nothing-found";

    /// <summary>A generated answer that cites no retrieved source; shown with a warning.</summary>
    public const string Ungrounded = "ungrounded";

    /// <summary>Refused by a rule (access, egress, legal hold).</summary>
    public const string Denied = "denied";

    /// <summary>Tried and failed.</summary>
    public const string Failed = "failed";

    /// <summary>A verification found damage.</summary>
    public const string Damaged = "damaged";
}
