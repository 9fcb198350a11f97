using System.Security.Cryptography;

namespace Rag.Ingest.Worker.Hosting;

/// <summary>Who this worker process is on the queue: unique per process (host name, process id and a random part).</summary>
internal sealed record WorkerIdentity(string WorkerId, string Host, int ProcessId, DateTimeOffset StartedAt)
{
    public static WorkerIdentity ForThisProcess(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var host = Environment.MachineName;
        var pid = Environment.ProcessId;
        return new WorkerIdentity($"{host}:{pid}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", host, pid, time.GetUtcNow());
    }
}
