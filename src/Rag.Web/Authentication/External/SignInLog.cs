namespace Rag.Web.Authentication.External;

internal static partial class SignInLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "External sign-in through {Scheme} refused: {Code}.")]
    public static partial void Refused(ILogger logger, string scheme, string code);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "An external sign-in through {Scheme} could not be recorded in the audit trail; it is refused.")]
    public static partial void NotRecorded(ILogger logger, string scheme, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Group memberships could not be read from Microsoft Graph.")]
    public static partial void MembershipsUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "External sign-in through {Scheme} failed at the provider or on the way back.")]
    public static partial void RemoteFailure(ILogger logger, string scheme, Exception? exception);
}
