using System.Text;

namespace Rag.Ingest.Readers.Tables;

/// <summary>
/// A small RFC 4180 record splitter: fields separated by one delimiter, double-quoted fields may hold the delimiter,
/// line breaks and doubled quotes. A stray quote inside an unquoted field is kept as text; an unclosed quote runs to
/// the end of the file. The delimiter is the most frequent of comma, semicolon and tab on the first line.
/// </summary>
internal static class CsvRecords
{
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static char DetectDelimiter(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = end < 0 ? text : text[..end];
        return Candidates.OrderByDescending(c => firstLine.Count(x => x == c)).First();
    }

    public static IEnumerable<string[]> Parse(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
