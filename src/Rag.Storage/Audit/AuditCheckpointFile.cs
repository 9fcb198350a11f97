using System.Text;
using Rag.Core.Audit;
using Rag.Core.Audit.Signing;

namespace Rag.Storage.Audit;

/// <summary>
/// The append-only checkpoint file: one signed checkpoint per line. Appends take an exclusive lock on the file, so
/// several processes (web app, worker, command line) can share it, and are flushed to disk before returning.
/// </summary>
public sealed class AuditCheckpointFile
{
    /// <summary>Default file name in the data directory.</summary>
    public const string DefaultFileName = "audit-checkpoints.jsonl";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates the file object for <paramref name="path"/>; nothing is opened yet.</summary>
    public AuditCheckpointFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>All lines of the file (empty when it does not exist).</summary>
    public async Task<IReadOnlyList<string>> ReadLinesAsync(CancellationToken cancellationToken = default) =>
        File.Exists(Path) ? await File.ReadAllLinesAsync(Path, Encoding.UTF8, cancellationToken) : [];

    /// <summary>The last checkpoint in the file, or null (also when the last line is not a checkpoint).</summary>
    public AuditCheckpoint? ReadLast()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return LastOf(stream);
    }

    /// <summary>
    /// Signs and appends a checkpoint at record <paramref name="sequence"/> with head <paramref name="headHash"/>,
    /// unless the file already covers that record (another process got there first). Returns the new checkpoint or null.
    /// </summary>
    public async Task<AuditCheckpoint?> AppendAsync(long sequence, string headHash, DateTimeOffset time, AuditKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var stream = await OpenExclusiveAsync(cancellationToken);
        var last = LastOf(stream);
        if (last is null && stream.Length > 0)
        {
            throw new InvalidOperationException($"The last line of the audit checkpoint file '{Path}' is not a checkpoint; run `./rag audit verify` and restore the file from its WORM copy.");
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

    private async Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }
}
