namespace Rag.Ingest.Sandbox;

/// <summary>A parser child's first frame: it started and waits for requests (its start-up never counts against a document's time limit).</summary>
/// <param name="ProcessId">The child's process id.</param>
public sealed record ParseReady(int ProcessId);
