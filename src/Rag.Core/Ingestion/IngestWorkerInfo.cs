namespace Rag.Core.Ingestion;

/// <summary>A running worker.</summary>
/// <param name="WorkerId">Unique per process (host name, process id and a random part).</param>
/// <param name="Host">Machine name.</param>
/// <param name="ProcessId">Process id.</param>
/// <param name="ExecutionProvider">What it embeds with: "CPU", "CUDA", "DirectML".</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="LastSeen">Its last heartbeat.</param>
public sealed record IngestWorkerInfo(string WorkerId, string Host, int ProcessId, string ExecutionProvider, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
