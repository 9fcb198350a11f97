using System.Diagnostics;
using Rag.Core.Documents;
using Rag.Core.Ingestion;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>A job this worker holds, carried from stage to stage with what each made of its document.</summary>
internal sealed class HeldJob(IngestJob job)
{
    private IngestJobProgress _progress = IngestJobProgress.None;
    private int _state = (int)IngestJobState.Parsing;
    private int _lost;

    public IngestJob Job { get; } = job;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public DocumentTelemetry Telemetry { get; } = DocumentTelemetry.Start(job.DocumentId, job.Request.SetName);

    /// <summary>Parsing or embedding, as last reported.</summary>
    public IngestJobState State
    {
        get => (IngestJobState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>Pages and chunks done so far; the lease keeper sends it with the next heartbeat.</summary>
    public IngestJobProgress Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    /// <summary>True once a heartbeat found the job taken by another worker: nothing more may be written for it.</summary>
    public bool Lost => Volatile.Read(ref _lost) != 0;

    public string? ContentHash { get; set; }

    public SourceDocument? Document { get; set; }

    public IReadOnlyList<Chunk>? Chunks { get; set; }

    public List<ReadOnlyMemory<float>>? Vectors { get; set; }

    public void MarkLost() => Volatile.Write(ref _lost, 1);
}
