namespace Rag.Onnx.SentenceEmbeddings;

/// <summary>Hardware backend for ONNX Runtime sessions. Auto falls back to CPU; a provider named explicitly must be available.</summary>
public enum ExecutionProvider
{
    /// <summary>DirectML on Windows, CUDA on Linux, CPU otherwise.</summary>
    Auto,

    /// <summary>CPU only.</summary>
    Cpu,

    /// <summary>NVIDIA CUDA (device 0).</summary>
    Cuda,

    /// <summary>DirectML (device 0, Windows).</summary>
    DirectML,
}
