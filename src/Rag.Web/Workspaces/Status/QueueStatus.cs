namespace Rag.Web.Workspaces.Status;

/// <summary>The ingestion queue.</summary>
/// <param name="Queued">Jobs waiting for a worker.</param>
/// <param name="Running">Jobs a worker is parsing or embedding.</param>
/// <param name="Failed">Jobs parked as failed.</param>
/// <param name="IndexedInWindow">Jobs that reached "indexed" within <paramref name="RateWindow"/>.</param>
/// <param name="RateWindow">The window of the rate.</param>
/// <param name="Capped">True when a count reached <see cref="StatusService.CountLimit"/> (shown as "at least").</param>
public sealed record QueueStatus(int Queued, int Running, int Failed, int IndexedInWindow, TimeSpan RateWindow, bool Capped)
{
    /// <summary>Documents indexed per minute over <see cref="RateWindow"/>.</summary>
    public double IndexedPerMinute => IndexedInWindow / RateWindow.TotalMinutes;
}
