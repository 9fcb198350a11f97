namespace Rag.Ingest.Readers.Tables;

/// <summary>Row bound for tabular formats (CSV files, spreadsheet sheets); configuration <c>Rag:Ingestion:MaxTableRows</c>.</summary>
public static class TableLimits
{
    /// <summary>Default most data rows per CSV file or per sheet: 100,000.</summary>
    public const int DefaultMaxRows = 100_000;

    /// <summary>The reason given when a table has more rows than <paramref name="maxRows"/>.</summary>
    internal static DocumentReadException TooManyRows(string what, int maxRows) =>
        new($"{what} has more than {maxRows:N0} rows, the limit (Rag:Ingestion:MaxTableRows)");
}
