using System.Text;
using Rag.Core.Audit;
using Rag.Audit.Signing;
using Rag.Storage;

namespace Rag.Audit;

/// <summary>
/// The append-only checkpoint file: one signed checkpoint per line. Appends take an exclusive lock on the file, so
/// several processes (web app, worker, command line) can share it, and are flushed to disk before returning; reads
/// take a shared lock and wait (up to the same timeout) while an append holds the file.
/// </summary>
public sealed class AuditCheckpointFile
{
    /// <summary>Default file name in the data directory.</summary>
    public const string DefaultFileName = "audit-checkpoints.jsonl";

    /// <summary>Creates the file object for <paramref name="path"/>; nothing is opened yet.</summary>
    public AuditCheckpointFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>All lines of the file (empty when it does not exist). Waits while another process appends.</summary>
    public async Task<IReadOnlyList<string>> ReadLinesAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenSharedAsync(cancellationToken);
        if (stream is null)
        {
            return [];
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The last checkpoint in the file, or null (also when the last line is not a checkpoint). Waits while another process appends.</summary>
    public AuditCheckpoint? ReadLast()
    {
        using (var stream = FileLockRetry.Default.Open(OpenShared))
        {
            return stream is null ? null : LastOf(stream);
        }
    }

    /// <summary>
    /// Signs and appends a checkpoint at record <paramref name="sequence"/> with head <paramref name="headHash"/>,
    /// unless the file already covers that record (another process got there first). Returns the new checkpoint or null.
    /// Refuses (<see cref="InvalidOperationException"/>) when the file ends before checkpoint <paramref name="recordedNumber"/>,
    /// which the database recorded signing: it was deleted, emptied or cut short, and numbering it afresh would hide that.
    /// </summary>
    public async Task<AuditCheckpoint?> AppendAsync(long sequence, string headHash, DateTimeOffset time, AuditKey key, long recordedNumber = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var stream = await OpenExclusiveAsync(cancellationToken);
        var last = LastOf(stream);
        if (last is null && stream.Length > 0)
        {
            throw new InvalidOperationException($"The last line of the audit checkpoint file '{Path}' is not a checkpoint; run `./rag audit verify` and restore the file from its WORM copy.");
        }

        if ((last?.Number ?? 0) < recordedNumber)
        {
            throw new InvalidOperationException($"The audit checkpoint file '{Path}' {(last is null ? "holds no checkpoint" : $"ends at checkpoint {last.Number}")}, but the log recorded signing checkpoint {recordedNumber}: it was deleted, emptied or cut short. Restore it from its WORM copy; nothing is signed until then.");
        }

        if (last is not null && last.Sequence >= sequence)
        {
            return null;
        }

        var checkpoint = AuditCheckpoint.Create((last?.Number ?? 0) + 1, sequence, headHash, time, last?.PayloadHash ?? AuditChain.GenesisHash, key);
        stream.Seek(0, SeekOrigin.End);
        var line = Encoding.UTF8.GetBytes(AuditCheckpointLine.Format(checkpoint) + "\n");
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
        return checkpoint;
    }

    private static AuditCheckpoint? LastOf(FileStream stream)
    {
        const int Tail = 8192;
        var start = Math.Max(0, stream.Length - Tail);
        stream.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - start];
        stream.ReadExactly(buffer);
        var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n', '\r');
        var lastLine = text[(text.LastIndexOf('\n') + 1)..];
        return lastLine.Length == 0 ? null : AuditCheckpointLine.TryParse(lastLine, out _);
    }

    private Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken) =>
        FileLockRetry.Default.OpenAsync(() => new FileStream(Path, PrivateFiles.CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite)), cancellationToken);

    private Task<FileStream?> OpenSharedAsync(CancellationToken cancellationToken) =>
        FileLockRetry.Default.OpenAsync(OpenShared, cancellationToken);

    /// <summary>
    /// Opens the file to read, beside other readers; null when there is no file. Throws <see cref="IOException"/> while an
    /// append (in this process or another) holds the file's exclusive lock, so the caller waits for it: a reader that does
    /// not wait for the lock fails outright, or would read a half-written last line.
    /// </summary>
    private FileStream? OpenShared()
    {
        try
        {
            return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
