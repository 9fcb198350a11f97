using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Rag.Onnx.Runtime;

namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>
/// Builds <see cref="SessionOptions"/> (and sessions) for the requested provider. Auto tries the GPU provider of the
/// platform and falls back to CPU, saying why; a provider named explicitly that cannot start is an error naming the
/// setting, never a silent CPU run.
/// </summary>
internal static class SessionOptionsFactory
{
    /// <summary>The setting that names the embedder's provider (the default for messages).</summary>
    public const string EmbeddingSetting = EmbeddingOptions.SectionName + ":" + nameof(EmbeddingOptions.ExecutionProvider);

    public static ExecutionProvider Resolve(ExecutionProvider requested) => requested switch
    {
        ExecutionProvider.Auto when OperatingSystem.IsWindows() => ExecutionProvider.DirectML,
        ExecutionProvider.Auto when OperatingSystem.IsLinux() => ExecutionProvider.Cuda,
        ExecutionProvider.Auto => ExecutionProvider.Cpu,
        _ => requested,
    };

    /// <summary>ONNX Runtime's name of <paramref name="provider"/> as <see cref="OrtEnv.GetAvailableProviders"/> lists it.</summary>
    public static string NativeName(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cuda => "CUDAExecutionProvider",
        ExecutionProvider.DirectML => "DmlExecutionProvider",
        _ => "CPUExecutionProvider",
    };

    /// <summary>Whether the loaded ONNX Runtime build contains <paramref name="provider"/> (the CPU package has CPU only).</summary>
    public static bool IsInBuild(ExecutionProvider provider)
    {
        if (provider is ExecutionProvider.Cpu or ExecutionProvider.Auto)
        {
            return true;
        }

        OnnxRuntimeTelemetry.EnsureOff();
        return OrtEnv.Instance().GetAvailableProviders().Contains(NativeName(provider), StringComparer.Ordinal);
    }

    /// <summary>Why <paramref name="provider"/> is not in this build, for messages.</summary>
    public static string NotInBuild(ExecutionProvider provider) => provider == ExecutionProvider.Cuda
        ? "this build's ONNX Runtime has no CUDA provider (the default build is CPU-only: build with -p:RagGpu=true, or use the GPU worker image)"
        : $"this build's ONNX Runtime has no {provider} provider";

    public static SessionOptions Create(ExecutionProvider requested, int intraOpThreads, ILogger logger, string setting = EmbeddingSetting) =>
        Create(requested, intraOpThreads, logger, setting, out _);

    /// <summary>Options for <paramref name="requested"/>; <paramref name="inUse"/> is the provider actually appended.</summary>
    /// <exception cref="InvalidOperationException">A provider named explicitly could not be appended.</exception>
    public static SessionOptions Create(ExecutionProvider requested, int intraOpThreads, ILogger logger, string setting, out ExecutionProvider inUse)
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
            inUse = provider == ExecutionProvider.Cpu || TryAppend(options, provider, requested == ExecutionProvider.Auto, logger, setting)
                ? provider
                : ExecutionProvider.Cpu;
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="modelPath"/> on <paramref name="requested"/>. A GPU provider may append fine and still fail
    /// when the session starts (no device, driver or CUDA libraries): Auto then opens it again on CPU, saying why.
    /// </summary>
    public static InferenceSession Open(
        string modelPath, ExecutionProvider requested, int intraOpThreads, ILogger logger, string setting, out ExecutionProvider inUse)
    {
        using (var options = Create(requested, intraOpThreads, logger, setting, out inUse))
        {
            try
            {
                return new InferenceSession(modelPath, options);
            }
            catch (OnnxRuntimeException ex) when (inUse != ExecutionProvider.Cpu)
            {
                if (requested != ExecutionProvider.Auto)
                {
                    throw Unavailable(setting, inUse, ex.Message, ex);
                }

                OnnxLog.AutoProviderFallback(logger, inUse, ex.Message);
            }
        }

        using var cpu = Create(ExecutionProvider.Cpu, intraOpThreads, logger, setting, out inUse);
        return new InferenceSession(modelPath, cpu);
    }

    private static InvalidOperationException Unavailable(string setting, ExecutionProvider provider, string reason, Exception? inner) => new(
        $"{setting} is {provider}, but ONNX Runtime cannot use it: {reason}. Set it to Auto (falls back to CPU) or Cpu, " +
        "or run on a machine with the provider (CUDA needs the GPU build, an NVIDIA driver and the CUDA libraries).", inner);

    // Auto: any failure of a native provider (missing library, missing entry point, ORT error) falls back to CPU, since
    // CPU always works. Named explicitly: the operator asked for that hardware, so running on CPU would hide a mistake.
#pragma warning disable CA1031
    private static bool TryAppend(SessionOptions options, ExecutionProvider provider, bool chosenByAuto, ILogger logger, string setting)
    {
        try
        {
            if (!IsInBuild(provider))
            {
                throw new NotSupportedException(NotInBuild(provider));
            }

            if (provider == ExecutionProvider.Cuda)
            {
                options.AppendExecutionProvider_CUDA(0);
            }
            else if (provider == ExecutionProvider.DirectML)
            {
                options.AppendExecutionProvider_DML(0);
            }

            return true;
        }
        catch (Exception ex)
        {
            if (!chosenByAuto)
            {
                throw Unavailable(setting, provider, ex.Message, ex);
            }

            OnnxLog.AutoProviderFallback(logger, provider, ex.Message);
            return false;
        }
    }
#pragma warning restore CA1031
}
