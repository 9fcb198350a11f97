using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Rag.Onnx.Runtime;

/// <summary>
/// Runs before any code of this assembly, whichever of its types is touched first: the telemetry opt-out is in the
/// native environment before ONNX Runtime's native library can be loaded (only this assembly references it).
/// </summary>
internal static class OnnxModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The opt-out must precede every use of ONNX Runtime in any host; nothing else runs earlier.")]
    internal static void Initialize()
    {
        try
        {
            OnnxRuntimeTelemetry.OptOut(NativeEnvironment.Instance);
        }
        catch (InvalidOperationException)
        {
            // Not thrown from here (that would make every type of the assembly unusable with an opaque error):
            // OnnxRuntimeTelemetry.EnsureOff checks again before the runtime starts, and refuses with this message.
        }
    }
}
