namespace Rag.Ingest.Readers;

/// <summary>
/// Conservative heading detection for PDFs, which carry no structure: a short run (≤ 3 lines, ≤ 120 chars,
/// no closing sentence punctuation) whose font is clearly larger than the document's body size is a heading;
/// its level is the rank of its size among the heading sizes (largest = 1).
/// </summary>
internal sealed class PdfHeadingClassifier
{
    private const double MinRatio = 1.2;
    private const double MinPointsAboveBody = 1.5;
    private const int MaxHeadingLength = 120;
    private const int MaxHeadingLines = 3;

    private readonly double _bodySize;
    private readonly Dictionary<double, int> _levels;

    public PdfHeadingClassifier(IReadOnlyList<PdfTextRun> runs)
    {
        _bodySize = runs
            .Where(r => r.FontSize > 0)
            .GroupBy(r => r.FontSize)
            .OrderByDescending(g => g.Sum(r => r.CharacterCount))
            .Select(g => g.Key)
            .FirstOrDefault();

        _levels = runs
            .Where(IsHeadingCandidate)
            .Select(r => r.FontSize)
            .Distinct()
            .OrderByDescending(s => s)
            .Select((size, rank) => (size, level: Math.Min(rank + 1, 6)))
            .ToDictionary(x => x.size, x => x.level);
    }

    /// <summary>The heading level of <paramref name="run"/>, or 0 when it is body text.</summary>
    public int LevelOf(PdfTextRun run) =>
        IsHeadingCandidate(run) && _levels.TryGetValue(run.FontSize, out var level) ? level : 0;

    private bool IsHeadingCandidate(PdfTextRun run) =>
        _bodySize > 0
        && run.FontSize >= _bodySize * MinRatio
        && run.FontSize - _bodySize >= MinPointsAboveBody
        && run.LineCount <= MaxHeadingLines
        && run.Text.Length <= MaxHeadingLength
        && run.Text.Any(char.IsLetter)
        && !run.Text.EndsWith('.') && !run.Text.EndsWith(',') && !run.Text.EndsWith(';');
}
