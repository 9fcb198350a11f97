using System.Diagnostics;

namespace Rag.Bench.Embed;

/// <summary>The process's resident memory: current and peak working set, and a best-effort reset of the peak.</summary>
public static class ProcessMemory
{
    /// <summary>Current working set in bytes.</summary>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Peak working set in bytes since the process started or since the last successful <see cref="TryResetPeak"/>.</summary>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// Resets the peak to the current working set, so a peak can be read per phase. Linux only (writing 5 to
    /// /proc/self/clear_refs resets VmHWM); false elsewhere or when not permitted, and the peak stays process-wide.
    /// </summary>
    public static bool TryResetPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Full blocking, compacting collection, so managed-heap and working-set readings compare like with like.</summary>
    public static void Collect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
