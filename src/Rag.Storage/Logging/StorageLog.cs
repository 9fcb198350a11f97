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

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Applied {Changes} chunk vector changes of other processes to the in-memory index (now at change {Seq})")]
    public static partial void ChangesApplied(this ILogger logger, int changes, long seq);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "The change log was pruned past this process's position; reloaded {Chunks} chunk vectors")]
    public static partial void VectorsReloaded(this ILogger logger, int chunks);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Could not apply other processes' changes to the in-memory index of {Path}; retrying at the next poll")]
    public static partial void ChangesNotApplied(this ILogger logger, Exception exception, string path);
}
