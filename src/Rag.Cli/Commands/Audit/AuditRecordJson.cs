using Rag.Core.Audit;

namespace Rag.Cli.Commands.Audit;

/// <summary>The JSON shape of a record on the command line (every field, camelCase).</summary>
internal static class AuditRecordJson
{
    public static object From(AuditRecord record) => new
    {
        sequence = record.Sequence,
        time = AuditChain.FormatTime(record.Time),
        action = record.Event.Action,
        actor = new { id = record.Event.Actor.Id, name = record.Event.Actor.DisplayName, groups = record.Event.Actor.Groups, roles = record.Event.Actor.Roles },
        targets = record.Event.Targets,
        outcome = record.Event.Outcome,
        correlationId = record.Event.CorrelationId,
        clientAddress = record.Event.ClientAddress,
        modelId = record.Event.ModelId,
        modelVersion = record.Event.ModelVersion,
        detail = record.Event.Detail,
        previousHash = record.PreviousHash,
        hash = record.Hash,
    };
}
