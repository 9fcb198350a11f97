using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Rag.Ingest.Pipeline;

/// <summary>
/// The few Linux calls .NET does not expose: the type of an entry without following a link (statx with
/// AT_SYMLINK_NOFOLLOW), and an open that cannot block on a named pipe (O_NONBLOCK) followed by a check of the opened
/// handle. statx's structure and these flags are the same on every Linux architecture.
/// </summary>
internal static class FileSystemNative
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;

    /// <summary>The entry at <paramref name="path"/> itself (a link is reported as a link).</summary>
    /// <exception cref="IOException">The entry cannot be examined (gone, path too long, no permission).</exception>
    public static FileEntryStatus Lstat(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return ManagedStatus(path);
        }

        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, Utf8(path), AtSymlinkNoFollow, StatxType | StatxIno, buffer) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError());
        }

        return Parse(buffer);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading only if it is still the regular file <paramref name="listed"/>:
    /// the open does not wait on a named pipe, and the opened handle's type and identity are checked, so a file swapped
    /// for a pipe, a device or a link after it was listed is refused instead of hanging or escaping the folder.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened or is no longer the regular file listed.</exception>
    public static FileStream OpenListedRegularFile(string path, FileEntryStatus listed, int bufferSize)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, useAsync: true);
        }

        var descriptor = Open(Utf8(path), ORdOnly | ONonBlock | OCloExec);
        if (descriptor < 0)
        {
            throw Error(Marshal.GetLastPInvokeError());
        }

        var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
        try
        {
            var buffer = new byte[StatxSize];
            if (Statx(descriptor, [0], AtEmptyPath, StatxType | StatxIno, buffer) != 0)
            {
                throw Error(Marshal.GetLastPInvokeError());
            }

            var opened = Parse(buffer);
            if (opened.Kind != FileEntryKind.RegularFile)
            {
                throw new IOException($"changed into a {opened.Describe()} after it was listed");
            }

            if (opened.Device != listed.Device || opened.Inode != listed.Inode)
            {
                throw new IOException("replaced by another file after it was listed");
            }

            return new FileStream(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static FileEntryStatus Parse(byte[] buffer)
    {
        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileEntryKind.RegularFile,
            0x4000 => FileEntryKind.Directory,
            0xA000 => FileEntryKind.SymbolicLink,
            0x1000 => FileEntryKind.NamedPipe,
            0x2000 => FileEntryKind.CharacterDevice,
            0x6000 => FileEntryKind.BlockDevice,
            _ => FileEntryKind.Socket,
        };
        var device = ((ulong)BitConverter.ToUInt32(buffer, DeviceMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DeviceMinorOffset);
        return new FileEntryStatus(kind, device, BitConverter.ToUInt64(buffer, InodeOffset));
    }

    private static FileEntryStatus ManagedStatus(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            throw new FileNotFoundException("the entry no longer exists", path);
        }

        var kind = info.LinkTarget is not null ? FileEntryKind.SymbolicLink
            : info.Attributes.HasFlag(FileAttributes.Directory) ? FileEntryKind.Directory
            : FileEntryKind.RegularFile;
        return new FileEntryStatus(kind, 0, 0);
    }

    private static byte[] Utf8(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private static IOException Error(int errno) => errno switch
    {
        36 => new PathTooLongException("the path is longer than the system allows"),
        13 or 1 => new IOException("permission denied"),
        2 => new IOException("it no longer exists"),
        40 => new IOException("too many levels of links"),
        _ => new IOException(new Win32Exception(errno).Message),
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);
}
