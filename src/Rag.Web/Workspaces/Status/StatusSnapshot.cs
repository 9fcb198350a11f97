using Rag.Core.Ingestion;
using Rag.Core.Storage;

namespace Rag.Web.Workspaces.Status;

/// <summary>What the Status workspace shows, taken at one moment.</summary>
/// <param name="TakenAt">When.</param>
/// <param name="Models">Models and execution provider in use.</param>
/// <param name="Stores">Sizes of the stores in the data directory.</param>
/// <param name="Index">Sets, documents and chunks in the index.</param>
/// <param name="Queue">Queue depth and ingestion rate.</param>
/// <param name="Workers">Workers with a recent heartbeat.</param>
/// <param name="Egress">Blocked egress attempts per bucket, oldest first.</param>
public sealed record StatusSnapshot(
    DateTimeOffset TakenAt,
    ModelStatus Models,
    IReadOnlyList<StoreSize> Stores,
    IndexStatistics Index,
    QueueStatus Queue,
    IReadOnlyList<IngestWorkerInfo> Workers,
    IReadOnlyList<EgressBucket> Egress)
{
    /// <summary>All blocked attempts in the chart's window.</summary>
    public int EgressBlockedTotal => Egress.Sum(b => b.Blocked);
}
