using System.Text.RegularExpressions;

namespace Rag.Ingest.Readers;

/// <summary>
/// Decides whether a title is worth showing. Metadata titles are often junk left by the authoring tool: a path
/// ("C:/USERS/JOHN/TEX/MAN/0.dvi"), a file name ("report.tex"), "Microsoft Word - report.docx", "Untitled",
/// "Document1". Such a title is refused, so the reader falls back to the first heading and the pipeline to the
/// file name (see <see cref="FromFileName"/>).
/// </summary>
public static partial class TitleChooser
{
    private const int MaxTitleChars = 300;

    /// <summary>
    /// <paramref name="candidate"/> cleaned (compatibility forms, control characters, whitespace) with any
    /// "Microsoft Word - " prefix removed, or null when what is left is empty, has no letter, is longer than
    /// 300 characters, is a path or file name, or is a placeholder such as "Untitled".
    /// </summary>
    public static string? Meaningful(string? candidate)
    {
        var title = TextNormalizer.Collapse(TextNormalizer.Clean(candidate));
        title = ToolPrefix().Replace(title, string.Empty).Trim();
        if (title.Length == 0 || title.Length > MaxTitleChars || !title.Any(char.IsLetter))
        {
            return null;
        }

        return LooksLikePath(title) || FileName().IsMatch(title) || Placeholder().IsMatch(title) ? null : title;
    }

    /// <summary>The title made from a file's name: its name without directory or extension (the whole name if that leaves nothing).</summary>
    public static string FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path.Replace('\\', '/').TrimEnd('/'));
        var stem = Path.GetFileNameWithoutExtension(name);
        var title = TextNormalizer.Collapse(TextNormalizer.Clean(stem.Length > 0 ? stem : name));
        return title.Length > 0 ? title : name;
    }

    private static bool LooksLikePath(string title) =>
        DrivePath().IsMatch(title)
        || title.StartsWith('/') || title.StartsWith('\\') || title.StartsWith("~/", StringComparison.Ordinal)
        || title.StartsWith("./", StringComparison.Ordinal) || title.StartsWith("../", StringComparison.Ordinal)
        || title.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
        || title.Contains('\\', StringComparison.Ordinal)
        || (title.Count(c => c == '/') >= 2 && !title.Contains(' ', StringComparison.Ordinal));

    [GeneratedRegex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant)]
    private static partial Regex DrivePath();

    // "Microsoft Word - ", "Microsoft PowerPoint - ": the tool's name in front of the file name it printed.
    [GeneratedRegex(@"^Microsoft\s+(?:Office\s+)?(?:Word|PowerPoint|Excel|Publisher|Visio)\s*-\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToolPrefix();

    // A bare file name of an authoring or document format: the tool wrote the file it came from, not a title.
    [GeneratedRegex(
        @"\.(?:dvi|tex|ltx|sty|cls|ps|eps|pdf|doc|docx|dot|dotx|odt|rtf|txt|ppt|pptx|odp|xls|xlsx|ods|htm|html|md|indd|qxd|qxp|pmd|p65|fm|wpd|pages|key|xps|oxps|cdr|ai|psd|tif|tiff|jpg|jpeg|png|bmp|gif)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex(
        @"^(?:untitled|no\s+title|title|untitled\s+document|document|doc|presentation|book|slide|sheet|unknown|none|null|n/?a|\(anonymous\)|anonymous|default|new\s+document|microsoft\s+word\s+document|powerpoint\s+presentation)(?:\s*[-_]?\s*\d+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
