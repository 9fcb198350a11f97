using System.Runtime.InteropServices;

namespace Rag.Onnx.Tests.Runtime;

/// <summary>What the product never does: remove a variable from the native environment (to start a test from scratch).</summary>
internal static class LibCTestMethods
{
    public static void Remove(string name)
    {
        Environment.SetEnvironmentVariable(name, null);
        if (!OperatingSystem.IsWindows() && UnsetEnv(name) != 0)
        {
            throw new InvalidOperationException($"unsetenv({name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "unsetenv", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int UnsetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
