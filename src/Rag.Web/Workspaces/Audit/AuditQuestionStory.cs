using Rag.Core.Audit;

namespace Rag.Web.Workspaces.Audit;

/// <summary>One question as the audit trail tells it: asked, what was retrieved, the answer, and any refusal, joined by correlation id.</summary>
/// <param name="CorrelationId">The id the records share.</param>
/// <param name="Records">Every record with that id, oldest first.</param>
public sealed record AuditQuestionStory(string CorrelationId, IReadOnlyList<AuditRecord> Records)
{
    /// <summary>The <c>question.asked</c> record.</summary>
    public AuditRecord? Question { get; init; }

    /// <summary>The question as recorded (null when only its SHA-256 was stored: see <see cref="QuestionSha256"/>).</summary>
    public string? QuestionText { get; init; }

    /// <summary>The question's SHA-256 when the text was not stored (<c>Rag:Audit:StoreText=false</c>).</summary>
    public string? QuestionSha256 { get; init; }

    /// <summary>The <c>retrieval.performed</c> record.</summary>
    public AuditRecord? Retrieval { get; init; }

    /// <summary>The chunks retrieved, in order, with their documents.</summary>
    public IReadOnlyList<AuditRetrievedSource> Sources { get; init; } = [];

    /// <summary>The <c>answer.given</c> record (its outcome: answered, ungrounded, nothing-found, failed).</summary>
    public AuditRecord? Answer { get; init; }

    /// <summary>The answer as recorded (null when only its SHA-256 was stored).</summary>
    public string? AnswerText { get; init; }

    /// <summary>The answer's SHA-256 when the text was not stored.</summary>
    public string? AnswerSha256 { get; init; }

    /// <summary>Records of the question that refused or failed something (an egress block, an answer that broke off, a denial).</summary>
    public IReadOnlyList<AuditRecord> Refusals { get; init; } = [];
}
