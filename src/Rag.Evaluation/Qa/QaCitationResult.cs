namespace Rag.Evaluation.Qa;

/// <summary>A citation of an answer, resolved to its document.</summary>
/// <param name="Number">The n of "[n]".</param>
/// <param name="DocumentId">Cited document.</param>
/// <param name="Title">Its title.</param>
/// <param name="SourcePath">Its source path.</param>
/// <param name="Page">First page of the cited chunk (0 when the format has no pages).</param>
/// <param name="Expected">Whether it is one of the expected documents; null when the question names none.</param>
public sealed record QaCitationResult(int Number, string DocumentId, string Title, string SourcePath, int Page, bool? Expected);
