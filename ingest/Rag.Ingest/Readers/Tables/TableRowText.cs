namespace Rag.Ingest.Readers.Tables;

/// <summary>
/// The text of one data row of a table with a header (CSV, a spreadsheet sheet): "column: value; column: value".
/// Each row then says what its values are, on its own, in a search hit or a quoted answer (the extractive answerer
/// never quotes "a | b" table fragments). Empty cells are left out; a value without a column name stands alone.
/// </summary>
internal static class TableRowText
{
    public static string Labelled(IReadOnlyList<string> header, IReadOnlyList<string> values)
    {
        var fields = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Length == 0)
            {
                continue;
            }

            fields.Add(i < header.Count && header[i].Length > 0 ? $"{header[i]}: {values[i]}" : values[i]);
        }

        return string.Join("; ", fields);
    }

    /// <summary>The header row itself: "Columns: a; b; c".</summary>
    public static string Header(IReadOnlyList<string> header)
    {
        var names = header.Where(h => h.Length > 0).ToList();
        return names.Count == 0 ? string.Empty : "Columns: " + string.Join("; ", names);
    }
}
