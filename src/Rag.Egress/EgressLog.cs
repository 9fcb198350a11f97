using Microsoft.Extensions.Logging;

namespace Rag.Egress;

internal static partial class EgressLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Egress blocked: {Host}:{Port} ({Address}) from component {Component}: {Reason}")]
    public static partial void Blocked(this ILogger logger, string host, int port, string? address, string component, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Could not write the egress.blocked audit record for {Host}:{Port}; the connection is refused all the same")]
    public static partial void AuditFailed(this ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "No audit log is registered in this process: the blocked connection to {Host}:{Port} is only logged")]
    public static partial void AuditMissing(this ILogger logger, string host, int port);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Host {Host} resolved to refused address {Address} ({Reason}); only its permitted addresses are tried")]
    public static partial void AddressSkipped(this ILogger logger, string host, string address, string reason);
}
