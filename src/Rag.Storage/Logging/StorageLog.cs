using Microsoft.Extensions.Logging;

namespace Rag.Storage.Logging;

/// <summary>The storage layer's log messages.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened document index {Path}: {Chunks} chunk vectors loaded in {ElapsedMs} ms")]
    public static partial void IndexOpened(this ILogger logger, string path, int chunks, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SQLite kept journal mode {Mode} for {Path} instead of WAL; readers and the writer will block each other")]
    public static partial void WalUnavailable(this ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Migrated {Path} from schema version {From} to {To}")]
    public static partial void SchemaMigrated(this ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Bound the document index to embedding model {ModelId} ({Dimensions} dimensions)")]
    public static partial void ModelBound(this ILogger logger, string modelId, int dimensions);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Replaced document {DocumentId} in set {SetName}: {Written} chunks written, {Removed} removed")]
    public static partial void DocumentReplaced(this ILogger logger, string documentId, string setName, int written, int removed);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Deleted document {DocumentId} and its {Removed} chunks")]
    public static partial void DocumentDeleted(this ILogger logger, string documentId, int removed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Document set {SetName} is now readable by {GroupCount} groups")]
    public static partial void DocumentSetChanged(this ILogger logger, string setName, int groupCount);

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
