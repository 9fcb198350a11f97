using System.Runtime.InteropServices;

namespace Rag.Ingest.Tests.Pipeline;

/// <summary>
/// Runs code on a thread that has dropped the capabilities that let root read any file (CAP_DAC_OVERRIDE,
/// CAP_DAC_READ_SEARCH), so a folder without read permission is really unreadable even though the tests run as root.
/// Capabilities are per thread on Linux: the rest of the test process keeps them.
/// </summary>
internal static class WithoutFilePermissionOverride
{
    private const uint CapabilityVersion3 = 0x20080522;
    private const uint DacOverride = 1u << 1;
    private const uint DacReadSearch = 1u << 2;

    public static T Run<T>(Func<T> action)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropOnThisThread();
                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw new InvalidOperationException("the action failed", failure);
    }

    private static void DropOnThisThread()
    {
        var header = new CapabilityHeader { Version = CapabilityVersion3, Pid = 0 };
        var data = new CapabilityData[2];
        if (CapGet(ref header, data) != 0)
        {
            throw new InvalidOperationException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }

        data[0].Effective &= ~(DacOverride | DacReadSearch);
        if (CapSet(ref header, data) != 0)
        {
            throw new InvalidOperationException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int CapGet(ref CapabilityHeader header, [In, Out] CapabilityData[] data);

    [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int CapSet(ref CapabilityHeader header, CapabilityData[] data);

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapabilityData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }
}
