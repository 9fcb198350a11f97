using System.Globalization;
using System.Text;

namespace Rag.Evaluation.Beir;

/// <summary>
/// Writes a BEIR corpus as Markdown files (title as the H1, text as one paragraph), so the evaluation ingests
/// through the same reader → chunker → embedder → index path as a user's documents. Every ASCII punctuation
/// character of the text is backslash-escaped (CommonMark allows it for all of them), so no abstract can turn
/// into Markdown syntax and the indexed text is the original text.
/// </summary>
public static class BeirCorpusWriter
{
    /// <summary>Writes the files into <paramref name="folder"/>; returns file name → corpus id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyList<BeirDocument> corpus, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        Directory.CreateDirectory(folder);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < corpus.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = "d" + i.ToString("D7", CultureInfo.InvariantCulture) + ".md";
            names.Add(name, corpus[i].Id);
            await File.WriteAllTextAsync(Path.Combine(folder, name), ToMarkdown(corpus[i]), cancellationToken);
        }

        return names;
    }

    /// <summary>The Markdown form of one document.</summary>
    public static string ToMarkdown(BeirDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var markdown = new StringBuilder();
        var title = Escape(document.Title);
        if (title.Length > 0)
        {
            markdown.Append("# ").Append(title).Append("\n\n");
        }

        markdown.Append(Escape(document.Text)).Append('\n');
        return markdown.ToString();
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                escaped.Append(' ');
                space = false;
            }

            if (c < 128 && char.IsPunctuation(c) || c < 128 && char.IsSymbol(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
