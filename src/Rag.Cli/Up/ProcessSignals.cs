using System.Runtime.InteropServices;

namespace Rag.Cli.Up;

/// <summary>Asks a child process to stop as <c>docker stop</c> and systemd do: SIGTERM (Linux, macOS).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; false where there are no POSIX signals (Windows) or the process is gone.</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    // "libc" is mapped by the runtime to libc.so.6 on Linux and to libSystem on macOS.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Kill(int processId, int signal);
}
