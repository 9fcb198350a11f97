namespace Rag.Web.Workspaces.Documents;

/// <summary>The Documents workspace's log entries (event ids 5300-5319): counts and set names, never file contents.</summary>
internal static partial class DocumentsLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "Upload to document set {SetName}: {Accepted} file(s) queued, {Refused} refused.")]
    public static partial void Uploaded(ILogger logger, string setName, int accepted, int refused);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Uploaded files of document set {SetName} were stored but could not be queued.")]
    public static partial void UploadNotQueued(ILogger logger, string setName, Exception exception);
}
