using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Rag.Onnx.Runtime;

/// <summary>
/// Keeps ONNX Runtime's telemetry off in every process of the product. Linux and macOS builds of ONNX Runtime send
/// telemetry (1DS, to mobile.events.data.microsoft.com) unless <c>ORT_DISABLE_TELEMETRY=1</c> is in the native
/// environment when the runtime initialises; <see cref="OrtEnv.DisableTelemetryEvents"/> comes too late for that, and
/// only covers the Windows (ETW) path. So the variable is set in the C library's environment when this assembly is first
/// touched (<see cref="OnnxModuleInitializer"/>) and checked again, by reading it back, before the ONNX Runtime
/// environment is created; if it does not read "1", ONNX Runtime is never started.
/// </summary>
public static class OnnxRuntimeTelemetry
{
    /// <summary>The variable ONNX Runtime reads at initialisation; "1" switches its telemetry off.</summary>
    public const string DisableVariable = "ORT_DISABLE_TELEMETRY";

    // Lazy caches an exception too: once refused, every later attempt to start ONNX Runtime is refused the same way.
    private static readonly Lazy<bool> Started = new(() =>
    {
        OptOut(NativeEnvironment.Instance);
        var environment = OrtEnv.Instance();

        // Windows builds report through ETW; this switch is their opt-out, and must come before any session exists.
        environment.DisableTelemetryEvents();
        return true;
    });

    /// <summary>
    /// Makes sure telemetry is off, then creates the ONNX Runtime environment. Every session, session option and
    /// tensor of the product is made after this call (<see cref="SentenceEmbeddings.SessionOptionsFactory"/> calls it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The opt-out could not be applied; ONNX Runtime was not started.</exception>
    public static void EnsureOff() => _ = Started.Value;

    /// <summary>Sets <see cref="DisableVariable"/> to "1" in <paramref name="environment"/> and reads it back; throws when it does not hold.</summary>
    internal static void OptOut(INativeEnvironment environment)
    {
        bool set;
        string? actual;
        try
        {
            set = environment.TrySet(DisableVariable, "1");
            actual = environment.Get(DisableVariable);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            throw Refused($"the C library's environment functions are unavailable ({ex.Message})", ex);
        }

        if (!set || actual != "1")
        {
            var seen = actual is null ? "unset" : $"'{actual}'";
            throw Refused($"{DisableVariable} is {seen} in the native environment after setting it to 1" + (set ? string.Empty : " (setenv failed)"), null);
        }
    }

    private static InvalidOperationException Refused(string why, Exception? inner) => new(
        $"ONNX Runtime telemetry could not be switched off: {why}. ONNX Runtime is not started with telemetry on; " +
        $"export {DisableVariable}=1 before starting the process.", inner);
}
