using Microsoft.Extensions.Logging;

namespace Rag.Ingest.Worker;

/// <summary>The worker's log messages. File names and reasons are the files' authors' text: callers escape them first.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Indexed {Path} ({ChunkCount} chunks)")]
    public static partial void Indexed(ILogger logger, string path, int chunkCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to ingest {Path}: {Reason}")]
    public static partial void Failed(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingesting {Path} failed ({Reason}); retrying in {RetryAfter} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Retrying(ILogger logger, string path, string reason, TimeSpan retryAfter, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was taken by another worker (lease lost); dropped without writing")]
    public static partial void LeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopping: released {Count} unfinished jobs to the queue")]
    public static partial void Released(ILogger logger, string workerId, int count);
}
