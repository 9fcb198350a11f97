namespace Rag.Evaluation.Beir;

/// <summary>How the corpus went into the throw-away index.</summary>
/// <param name="Documents">Documents indexed (or already present and unchanged).</param>
/// <param name="Failed">Documents that failed, with their first reasons.</param>
/// <param name="Chunks">Chunks written in this run.</param>
/// <param name="Seconds">Wall time of writing and ingesting the corpus.</param>
/// <param name="Reused">True when an existing index with the same settings was reused.</param>
public sealed record BeirIngestSummary(int Documents, int Failed, int Chunks, double Seconds, bool Reused);
