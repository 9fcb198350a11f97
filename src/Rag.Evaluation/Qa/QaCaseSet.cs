namespace Rag.Evaluation.Qa;

/// <summary>A validated question file.</summary>
/// <param name="Source">The file it was read from (as given).</param>
/// <param name="Cases">The questions in file order; never empty.</param>
/// <param name="Warnings">Things that are allowed but probably unintended, each naming its line.</param>
public sealed record QaCaseSet(string Source, IReadOnlyList<QaCase> Cases, IReadOnlyList<string> Warnings);
