namespace Rag.Evaluation.Qa;

/// <summary>A document in a question's ranking (documents ordered by their best chunk).</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="DocumentId">Document id.</param>
/// <param name="Title">Title.</param>
/// <param name="SourcePath">Source path relative to the ingest root.</param>
/// <param name="SetName">Document set.</param>
/// <param name="Expected">Whether it is one of the expected documents; null when the question names none.</param>
public sealed record QaRetrievedDocument(int Rank, string DocumentId, string Title, string SourcePath, string SetName, bool? Expected);
