using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.Runtime;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Builds <see cref="SessionOptions"/> for the requested provider, falling back to CPU.</summary>
internal static class SessionOptionsFactory
{
    public static ExecutionProvider Resolve(ExecutionProvider requested) => requested switch
    {
        ExecutionProvider.Auto when OperatingSystem.IsWindows() => ExecutionProvider.DirectML,
        ExecutionProvider.Auto when OperatingSystem.IsLinux() => ExecutionProvider.Cuda,
        ExecutionProvider.Auto => ExecutionProvider.Cpu,
        _ => requested,
    };

    public static SessionOptions Create(ExecutionProvider requested, int intraOpThreads, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        // The one way into ONNX Runtime: nothing of it starts before telemetry is verifiably off.
        OnnxRuntimeTelemetry.EnsureOff();
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        try
        {
            if (intraOpThreads > 0)
            {
                options.IntraOpNumThreads = intraOpThreads;
            }

            var provider = Resolve(requested);
            if (provider != ExecutionProvider.Cpu)
            {
                TryAppend(options, provider, requested == ExecutionProvider.Auto, logger);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    // Any failure of a native provider (missing DLL, missing entry point, ORT error) must not stop
    // the application: CPU always works, so warn once and continue.
#pragma warning disable CA1031
    private static void TryAppend(SessionOptions options, ExecutionProvider provider, bool chosenByAuto, ILogger logger)
    {
        try
        {
            if (provider == ExecutionProvider.Cuda)
            {
                options.AppendExecutionProvider_CUDA(0);
            }
            else if (provider == ExecutionProvider.DirectML)
            {
                options.AppendExecutionProvider_DML(0);
            }
        }
        catch (Exception ex)
        {
            // Asked for by name: a warning. Picked by Auto on a machine without a GPU package: expected, so information.
            if (chosenByAuto)
            {
                OnnxLog.AutoProviderFallback(logger, provider, ex.Message);
            }
            else
            {
                OnnxLog.ProviderFallback(logger, provider, ex.Message);
            }
        }
    }
#pragma warning restore CA1031
}
