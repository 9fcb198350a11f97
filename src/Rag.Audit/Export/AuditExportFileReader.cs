using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Rag.Audit.Export;

/// <summary>Reads the rows of an export file back, one at a time.</summary>
internal static class AuditExportFileReader
{
    // Strict RFC 4180: malformed quoting is an error, not something to recover from; nothing is trimmed.
    private static readonly CsvReaderOptions CsvOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        TrimWhitespace = false,
        DetectSeparatorHint = false,
        IncludeValuesInExceptions = false,
    };

    /// <summary>The rows of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file's structure (CSV header or quoting) is broken; the message says where.</exception>
    public static IAsyncEnumerable<AuditExportRow> ReadAsync(string path, AuditExportFormat format, CancellationToken cancellationToken) =>
        format == AuditExportFormat.Csv ? ReadCsvAsync(path, cancellationToken) : ReadJsonAsync(path, cancellationToken);

    private static async IAsyncEnumerable<AuditExportRow> ReadCsvAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.FromFile(path, CsvOptions);
        var number = 0L;
        while (true)
        {
            bool more;
            try
            {
                if (number == 0)
                {
                    await csv.ReadHeaderAsync(cancellationToken);
                    if (!csv.Headers.SequenceEqual(AuditExportCells.Header, StringComparer.Ordinal))
                    {
                        throw new FormatException($"the header row is not {string.Join(',', AuditExportCells.Header)}");
                    }
                }

                more = await csv.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException ex)
            {
                throw new FormatException($"the CSV is malformed after data row {number}: {ex.Message}", ex);
            }

            if (!more)
            {
                yield break;
            }

            number++;
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i) ?? string.Empty;
            }

            yield return Row(number, () => AuditExportCells.Read(cells));
        }
    }

    private static async IAsyncEnumerable<AuditExportRow> ReadJsonAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: false);
        var number = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            yield return Row(number, () => AuditExportJsonRow.Read(line));
        }
    }

    private static AuditExportRow Row(long number, Func<Rag.Core.Audit.AuditRecord> read)
    {
        try
        {
            return new AuditExportRow(number, read(), null);
        }
        catch (FormatException ex)
        {
            return new AuditExportRow(number, null, ex.Message);
        }
    }
}
