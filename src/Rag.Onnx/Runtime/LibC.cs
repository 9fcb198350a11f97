using System.Runtime.InteropServices;

namespace Rag.Onnx.Runtime;

/// <summary>The C library's environment functions (Linux, macOS): the environment native libraries such as ONNX Runtime read.</summary>
internal static partial class LibC
{
    // "libc" is mapped by the runtime to libc.so.6 on Linux and to libSystem on macOS.
    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int SetEnv(string name, string value, int overwrite);

    // The returned pointer belongs to environ: read it, never free it.
    [LibraryImport(Library, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial IntPtr GetEnv(string name);
}
