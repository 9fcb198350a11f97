using Rag.Core.Ingestion;
using Rag.Ingest.Pipeline;

namespace Rag.Ingest.Worker;

/// <summary>What one ingestion request put in the queue.</summary>
/// <param name="BatchId">The batch its new jobs carry.</param>
/// <param name="SetName">The set, normalised.</param>
/// <param name="Jobs">One job per file, in the order listed: new ones, ones already waiting or running (possibly of an earlier batch), or a failed one whose file has not changed.</param>
/// <param name="Skipped">Entries not queued (links, pipes, devices, unreadable folders ...), each with its reason.</param>
public sealed record EnqueuedBatch(string BatchId, string SetName, IReadOnlyList<IngestJob> Jobs, IReadOnlyList<SkippedPath> Skipped);
