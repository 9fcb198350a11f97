using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Rag.Evaluation.Reporting;

/// <summary>Where and on what a measurement ran, recorded with every result file so figures can be compared honestly.</summary>
/// <param name="Machine">Host name.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Cpu">CPU model name (from /proc/cpuinfo on Linux), or the architecture.</param>
/// <param name="LogicalCores">Processor count visible to the process.</param>
/// <param name="MemoryBytes">Total memory visible to the runtime.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="Commit">Git commit of the source tree (RAG_COMMIT, else read from .git), or "unknown".</param>
/// <param name="StartedUtc">When the run started.</param>
public sealed record RunEnvironment(
    string Machine,
    string Os,
    string Cpu,
    int LogicalCores,
    long MemoryBytes,
    string Runtime,
    string Commit,
    DateTimeOffset StartedUtc)
{
    /// <summary>Captures the current process's environment; <paramref name="repositoryRoot"/> locates .git for the commit.</summary>
    public static RunEnvironment Capture(string? repositoryRoot, TimeProvider? time = null) => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        CpuName(),
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.FrameworkDescription,
        ReadCommit(repositoryRoot),
        (time ?? TimeProvider.System).GetUtcNow());

    private static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string ReadCommit(string? repositoryRoot)
    {
        if (Environment.GetEnvironmentVariable("RAG_COMMIT") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (repositoryRoot is null || !Directory.Exists(Path.Combine(repositoryRoot, ".git")))
        {
            return "unknown";
        }

        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repositoryRoot, "rev-parse", "--short=12", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return "unknown";
            }

            var head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            if (git.ExitCode != 0 || head.Length == 0)
            {
                return "unknown";
            }

            using var status = Process.Start(new ProcessStartInfo("git", ["-C", repositoryRoot, "status", "--porcelain", "--untracked-files=no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            var dirty = status is not null && status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status?.WaitForExit(5000);
            return dirty ? head + "-dirty" : head;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
