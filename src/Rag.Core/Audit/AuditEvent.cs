namespace Rag.Core.Audit;

/// <summary>One thing that happened, as the audit trail records it.</summary>
/// <param name="Action">What happened (see <see cref="AuditActions"/>).</param>
/// <param name="Actor">Who did it, with their groups and roles at that moment.</param>
/// <param name="Targets">Ids the action touched: document ids, chunk ids, set names, user ids.</param>
/// <param name="Outcome">See <see cref="AuditOutcomes"/>.</param>
public sealed record AuditEvent(string Action, AuditActor Actor, IReadOnlyList<string> Targets, string Outcome)
{
    /// <summary>Details as JSON (question, scores, reasons); the privacy setting may have replaced text by its SHA-256.</summary>
    public string? Detail { get; init; }

    /// <summary>Ties together the records of one request (question, retrieval, answer).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The client's network address (<c>local</c> for the command line).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Model involved, where relevant (embedding or chat model id).</summary>
    public string? ModelId { get; init; }

    /// <summary>Version of <see cref="ModelId"/> (revision or file hash).</summary>
    public string? ModelVersion { get; init; }
}
