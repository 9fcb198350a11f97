using Microsoft.Extensions.Logging;

namespace Rag.Storage.Logging;

/// <summary>What a schema migration could not carry over as is; each names what to do.</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Document set {SetName} keeps its stored spelling: its normalised name {Normalized} is taken by another set. Its documents stay searchable by its groups, but it cannot be named by --set until it is re-created")]
    public static partial void SetNameKept(this ILogger logger, string setName, string normalized);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Group {GroupName} of document set {SetName} breaks the group name rule and no longer grants access; give the set valid groups (rag ingest --groups)")]
    public static partial void GroupNameInvalid(this ILogger logger, string groupName, string setName);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Document {DocumentId} ({SourcePath} in set {SetName}) keeps its old id: the id it would get is taken. Re-ingest the set to replace it")]
    public static partial void DocumentIdKept(this ILogger logger, string documentId, string sourcePath, string setName);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Re-keyed {Sets} set names, {Groups} group keys and {Documents} document ids of {Path} to the name rule (NFC, ASCII case folded)")]
    public static partial void NamesRekeyed(this ILogger logger, string path, int sets, int groups, int documents);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Rebuilt the keyword index of {Path} with the {Analyzer} analyzer from {Chunks} stored chunk texts in {ElapsedMs} ms")]
    public static partial void KeywordIndexRebuilt(this ILogger logger, string path, string analyzer, int chunks, long elapsedMs);
}
