namespace Rag.Ingest.Pipeline;

/// <summary>An entry's kind and identity (device and inode), so a file opened later can be checked to be the one listed.</summary>
internal readonly record struct FileEntryStatus(FileEntryKind Kind, ulong Device, ulong Inode)
{
    /// <summary>What the entry is, in words, for the reason it was skipped.</summary>
    public string Describe() => Kind switch
    {
        FileEntryKind.RegularFile => "regular file",
        FileEntryKind.Directory => "folder",
        FileEntryKind.SymbolicLink => "link",
        FileEntryKind.NamedPipe => "named pipe (FIFO)",
        FileEntryKind.CharacterDevice => "character device",
        FileEntryKind.BlockDevice => "block device",
        _ => "socket",
    };
}
