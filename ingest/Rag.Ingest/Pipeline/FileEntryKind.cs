namespace Rag.Ingest.Pipeline;

/// <summary>What a directory entry is, as the file system reports it without following a link.</summary>
internal enum FileEntryKind
{
    /// <summary>A regular file: the only kind that is read.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (never followed).</summary>
    SymbolicLink,

    /// <summary>A named pipe: opening it for reading waits for a writer.</summary>
    NamedPipe,

    /// <summary>A character device such as /dev/zero (endless) or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}
