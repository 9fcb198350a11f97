using System.Diagnostics;
using System.Globalization;

namespace Rag.Ingest.Sandbox;

/// <summary>Resident memory of a child process, managed and native: VmRSS from /proc on Linux, the working set elsewhere.</summary>
internal static class ChildMemory
{
    /// <summary>Bytes resident now; 0 when the process has gone.</summary>
    public static long ResidentBytes(Process process)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return ProcStatusRss(process.Id);
            }

            process.Refresh();
            return process.WorkingSet64;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }

    /// <summary>The "VmRSS: 123456 kB" line of /proc/&lt;pid&gt;/status, in bytes.</summary>
    internal static long ProcStatusRss(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var number = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(number, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>"1 GiB", "384 MiB": a limit as people write it.</summary>
    public static string Format(long bytes)
    {
        const long MiB = 1024 * 1024;
        const long GiB = 1024 * MiB;
        return bytes % GiB == 0
            ? (bytes / GiB).ToString(CultureInfo.InvariantCulture) + " GiB"
            : (bytes / (double)MiB).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
    }
}
