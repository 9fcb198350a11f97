using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace Rag.Ingest.Readers;

/// <summary>
/// Turns one PDF page into text runs in reading order: nearest-neighbour words, Docstrum blocks, unsupervised
/// reading order; falls back to content-stream order (and then <see cref="Page.Text"/>) when layout analysis fails.
/// </summary>
internal static class PdfPageExtractor
{
    // Single-threaded on purpose: the caller runs on a dedicated big-stack thread with a time limit,
    // and the layout steps would otherwise fan out onto ordinary thread-pool threads.
    private static readonly NearestNeighbourWordExtractor WordExtractor = new(
        new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });

    private static readonly DocstrumBoundingBoxes Segmenter = new(
        new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    private const double SameSizeTolerance = 0.1;

    public static IReadOnlyList<PdfTextRun> Extract(Page page)
    {
        try
        {
            return ExtractWithLayout(page);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return ExtractInContentOrder(page);
        }
    }

    private static List<PdfTextRun> ExtractWithLayout(Page page)
    {
        var runs = new List<PdfTextRun>();
        if (page.Letters.Count == 0)
        {
            return runs;
        }

        var words = WordExtractor.GetWords(page.Letters).ToList();
        var blocks = Segmenter.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks);
        foreach (var block in ordered)
        {
            AddRuns(page.Number, block, runs);
        }

        return runs;
    }

    // Docstrum may glue a heading to the paragraph below it; split a block wherever the font size changes.
    private static void AddRuns(int pageNumber, TextBlock block, List<PdfTextRun> runs)
    {
        var current = new List<TextLine>();
        var currentSize = 0d;
        foreach (var line in block.TextLines)
        {
            var size = DominantSize(line.Words.SelectMany(w => w.Letters));
            if (current.Count > 0 && !SameSize(size, currentSize))
            {
                runs.Add(ToRun(pageNumber, current, currentSize));
                current = [];
            }

            if (current.Count == 0)
            {
                currentSize = size;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            runs.Add(ToRun(pageNumber, current, currentSize));
        }
    }

    private static PdfTextRun ToRun(int pageNumber, List<TextLine> lines, double size)
    {
        // Lines stay separate: ParsedDocumentBuilder joins them and undoes line-end hyphenation.
        var text = string.Join('\n', lines.Select(l => l.Text.Trim()));
        var characters = lines.Sum(l => l.Words.Sum(w => w.Letters.Count));
        return new PdfTextRun(pageNumber, text, size, lines.Count, characters);
    }

    private static List<PdfTextRun> ExtractInContentOrder(Page page)
    {
        string text;
        try
        {
            text = ContentOrderTextExtractor.GetText(page, new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true });
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            text = page.Text;
        }

        return text.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(p => new PdfTextRun(page.Number, p, 0, 1, p.Length))
            .ToList();
    }

    /// <summary>Most common letter size (rounded to half points), ignoring whitespace glyphs.</summary>
    internal static double DominantSize(IEnumerable<Letter> letters)
    {
        var best = letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.PointSize * 2, MidpointRounding.AwayFromZero) / 2)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key)
            .FirstOrDefault();
        return best?.Key ?? 0;
    }

    private static bool SameSize(double a, double b) =>
        Math.Abs(a - b) <= SameSizeTolerance * Math.Max(a, b);
}
