using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Ingest.Worker.Hosting;

/// <summary>The execution provider as the workers table records it: "CPU", "CUDA" or "DirectML".</summary>
internal static class ProviderNames
{
    public static string For(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cuda => "CUDA",
        ExecutionProvider.DirectML => "DirectML",
        _ => "CPU",
    };
}
