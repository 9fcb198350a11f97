using System.Runtime.InteropServices;

namespace Rag.Onnx.Runtime;

/// <summary>
/// The real process environment: the C library's on Linux and macOS (and .NET's copy kept in step), the Win32
/// environment block on Windows (where <see cref="Environment.SetEnvironmentVariable(string, string)"/> is the native call).
/// </summary>
internal sealed class NativeEnvironment : INativeEnvironment
{
    public static NativeEnvironment Instance { get; } = new();

    private NativeEnvironment()
    {
    }

    public bool TrySet(string name, string value)
    {
        // .NET keeps its own copy of the environment on Unix: set it too, so managed readers and child processes agree.
        Environment.SetEnvironmentVariable(name, value);
        return OperatingSystem.IsWindows() || LibC.SetEnv(name, value, overwrite: 1) == 0;
    }

    public string? Get(string name) =>
        OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(LibC.GetEnv(name));
}
