namespace Rag.Web.Workspaces.Ask;

internal static partial class AskLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "A question of conversation {ConversationId} was refused because the audit trail could not record it.")]
    public static partial void AuditUnavailable(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "The answer to a question of conversation {ConversationId} broke off.")]
    public static partial void AnswerBrokeOff(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "A question was refused: {Reason}")]
    public static partial void QuestionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "The Ask page failed to {Action}.")]
    public static partial void PageFailed(ILogger logger, string action, Exception exception);
}
