namespace Rag.Bench.Ingest;

/// <summary>One timed phase of the benchmark.</summary>
/// <param name="Stage">See <see cref="IngestStages"/>.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="CpuSeconds">Process CPU time (user + system) spent meanwhile; CpuSeconds / Seconds = cores kept busy.</param>
/// <param name="Files">Files the phase handled.</param>
/// <param name="Pages">Pages of the documents that were indexed (the same workload for every phase).</param>
/// <param name="Chunks">Chunks of those documents.</param>
/// <param name="PeakWorkingSetBytes">Highest working set sampled during the phase.</param>
public sealed record StageMeasurement(string Stage, double Seconds, double CpuSeconds, int Files, int Pages, int Chunks, long PeakWorkingSetBytes)
{
    /// <summary>Pages per second.</summary>
    public double PagesPerSecond => Seconds > 0 ? Pages / Seconds : 0;

    /// <summary>Chunks per second.</summary>
    public double ChunksPerSecond => Seconds > 0 ? Chunks / Seconds : 0;

    /// <summary>Average number of cores busy.</summary>
    public double CoresBusy => Seconds > 0 ? CpuSeconds / Seconds : 0;
}
