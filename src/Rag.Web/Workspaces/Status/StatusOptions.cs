namespace Rag.Web.Workspaces.Status;

/// <summary>The Status workspace's settings (<c>Rag:Status</c>).</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Rag:Status";

    /// <summary>How far back the blocked-egress chart reaches (<c>Rag:Status:EgressWindow</c>).</summary>
    public TimeSpan EgressWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One bar of the chart (<c>Rag:Status:EgressBucket</c>); the window holds at most <see cref="MaxBuckets"/>.</summary>
    public TimeSpan EgressBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The window over which the ingestion rate is averaged (<c>Rag:Status:RateWindow</c>).</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A worker whose heartbeat is older than this is not counted as live (<c>Rag:Status:LiveWorkerWithin</c>).</summary>
    public TimeSpan LiveWorkerWithin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most bars the chart draws.</summary>
    public const int MaxBuckets = 168;
}
