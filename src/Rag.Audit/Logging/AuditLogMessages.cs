using Microsoft.Extensions.Logging;

namespace Rag.Audit.Logging;

/// <summary>Source-generated logs of the audit trail (event ids kept from when they lived in Rag.Storage).</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Could not append audit event {Action} to {Path}; the action must be refused")]
    public static partial void AuditAppendFailed(this ILogger logger, Exception exception, string action, string path);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Could not write an audit checkpoint to {Path}; it will be retried with the next record")]
    public static partial void AuditCheckpointFailed(this ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "No audit signing key is configured (Rag:Audit:SigningKeyFile or Rag:Audit:SigningKey); generated one at {Path}. Keep the production key outside the data directory")]
    public static partial void AuditKeyGenerated(this ILogger logger, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Audit checkpoint {Number} signed at record {Sequence} in {Path}")]
    public static partial void AuditCheckpointWritten(this ILogger logger, long number, long sequence, string path);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Purged audit records 1..{Through} older than {Cutoff}")]
    public static partial void AuditPurged(this ILogger logger, long through, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "The audit log was not extended: {Reason} Every action that needs an audit record is refused until an operator resolves it (docs/audit.md, \"Unvouched records\")")]
    public static partial void AuditTailUnvouched(this ILogger logger, string reason);
}
