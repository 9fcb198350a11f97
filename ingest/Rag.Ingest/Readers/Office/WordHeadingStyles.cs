using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Rag.Ingest.Readers.Office;

/// <summary>
/// Heading levels of a Word document's paragraph styles: a style's outline level, else its name ("heading 2"),
/// else its id ("Heading2"), following "based on" links; "Title" is its own kind.
/// </summary>
internal sealed class WordHeadingStyles
{
    private const int MaxBasedOnDepth = 16;

    private readonly Dictionary<string, Style> _styles = new(StringComparer.OrdinalIgnoreCase);

    public WordHeadingStyles(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            if (style.StyleId?.Value is { Length: > 0 } id)
            {
                _styles.TryAdd(id, style);
            }
        }
    }

    /// <summary>1..9 for a heading paragraph, 0 for body text.</summary>
    public int LevelOf(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } direct && direct < 9)
        {
            return direct + 1;
        }

        var styleId = properties?.ParagraphStyleId?.Val?.Value;
        for (var depth = 0; styleId is not null && depth < MaxBasedOnDepth; depth++)
        {
            if (LevelOfName(styleId) is var byId and > 0)
            {
                return byId;
            }

            if (!_styles.TryGetValue(styleId, out var style))
            {
                return 0;
            }

            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                return outline + 1;
            }

            if (LevelOfName(style.StyleName?.Val?.Value) is var byName and > 0)
            {
                return byName;
            }

            styleId = style.BasedOn?.Val?.Value;
        }

        return 0;
    }

    /// <summary>True for the built-in "Title" paragraph style.</summary>
    public bool IsTitle(Paragraph paragraph)
    {
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (styleId is null)
        {
            return false;
        }

        return string.Equals(styleId, "Title", StringComparison.OrdinalIgnoreCase)
            || (_styles.TryGetValue(styleId, out var style) && string.Equals(style.StyleName?.Val?.Value, "Title", StringComparison.OrdinalIgnoreCase));
    }

    private static int LevelOfName(string? name)
    {
        if (name is null)
        {
            return 0;
        }

        var compact = name.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(compact.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            && level is >= 1 and <= 9
            ? level
            : 0;
    }
}
