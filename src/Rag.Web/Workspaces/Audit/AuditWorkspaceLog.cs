namespace Rag.Web.Workspaces.Audit;

internal static partial class AuditWorkspaceLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "An audit export was refused because the audit trail could not record it.")]
    public static partial void ExportNotRecorded(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "An audit export download was refused: {Reason}")]
    public static partial void ExportRefused(ILogger logger, string reason);
}
