using System.Text;
using CsvHelper;
using Rag.Core.Audit;
using Rag.Storage;

namespace Rag.Audit.Export;

/// <summary>Writes the rows of an export to a new file (never an existing one), one record at a time.</summary>
internal sealed class AuditExportFileWriter : IAsyncDisposable
{
    // A byte order mark, so that spreadsheets read the UTF-8 as UTF-8; CRLF as RFC 4180 says. Cells with whitespace at
    // either end are quoted too, so readers that trim unquoted cells keep it.
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        NewLine = "\r\n",
    };

    private readonly FileStream _file;
    private readonly CsvWriter? _csv;
    private readonly StreamWriter? _json;

    private AuditExportFileWriter(FileStream file, AuditExportFormat format)
    {
        _file = file;
        if (format == AuditExportFormat.Csv)
        {
            _csv = CsvWriter.Create(file, CsvOptions, leaveOpen: true);
            _csv.WriteHeader(AuditExportCells.Header);
        }
        else
        {
            _json = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        }
    }

    /// <summary>Creates <paramref name="path"/>; fails when it exists.</summary>
    public static AuditExportFileWriter Create(string path, AuditExportFormat format)
    {
        var file = new FileStream(path, PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous));
        try
        {
            return new AuditExportFileWriter(file, format);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (_csv is not null)
        {
            await _csv.WriteRecordAsync(AuditExportCells.From(record), cancellationToken);
        }
        else
        {
            await _json!.WriteLineAsync(AuditExportJsonRow.Format(record).AsMemory(), cancellationToken);
        }
    }

    /// <summary>Writes what is buffered and syncs the file to disk.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_csv is not null)
        {
            await _csv.FlushAsync(cancellationToken);
        }
        else
        {
            await _json!.FlushAsync(cancellationToken);
        }

        _file.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync();
        }

        if (_json is not null)
        {
            await _json.DisposeAsync();
        }

        await _file.DisposeAsync();
    }
}
