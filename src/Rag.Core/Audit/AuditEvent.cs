namespace Rag.Core.Audit;

/// <summary>One thing that happened, as the audit trail records it.</summary>
/// <param name="Action">What happened, e.g. "question.asked", "document.indexed" (see <see cref="AuditActions"/>).</param>
/// <param name="ActorId">User id of whoever did it ("system" for the worker).</param>
/// <param name="ActorGroups">The actor's groups at that moment.</param>
/// <param name="Targets">Ids the action touched: document ids, chunk ids, set names.</param>
/// <param name="Outcome">"ok", "refused", "failed" and similar.</param>
/// <param name="Detail">Free-form details (question text, scores), serialised as given.</param>
public sealed record AuditEvent(
    string Action,
    string ActorId,
    IReadOnlyList<string> ActorGroups,
    IReadOnlyList<string> Targets,
    string Outcome,
    string? Detail);
