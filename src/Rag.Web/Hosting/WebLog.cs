namespace Rag.Web.Hosting;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "A refused API sign-in could not be recorded in the audit trail.")]
    public static partial void DeniedSignInNotRecorded(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "No API keys are configured (Rag:Api:Keys): the API refuses every request. Create one with: rag api-key create --id ID --groups GROUPS")]
    public static partial void NoApiKeys(ILogger logger);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "A question was refused because the audit trail could not record it.")]
    public static partial void QuestionRefused(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Configuration changes recorded in the audit trail: {Keys}")]
    public static partial void ConfigurationRecorded(ILogger logger, IReadOnlyList<string> keys);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "The answer model stopped before the answer was complete.")]
    public static partial void AnswerBrokeOff(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "{Count} summaries of refused API sign-ins could not be recorded in the audit trail.")]
    public static partial void DeniedSignInSummaryNotRecorded(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Created the first admin account '{UserName}' in {Path} (its password is printed to standard output once, or was configured).")]
    public static partial void FirstAdminCreated(ILogger logger, string userName, string path);
}
