using Microsoft.Extensions.Logging;

namespace Rag.Ingest.Worker.Hosting;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Ingestion worker {WorkerId} started: embedding model {ModelId} on execution provider {Provider}")]
    public static partial void Started(ILogger logger, string workerId, string modelId, string provider);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Ingestion worker {WorkerId} stopped")]
    public static partial void Stopped(ILogger logger, string workerId);
}
