namespace Rag.Generation;

/// <summary>Which model writes answers (configuration <c>Rag:Generation:Provider</c>).</summary>
public enum GenerationProvider
{
    /// <summary>No generator: answers quote the retrieved passages (extractive), nothing is generated.</summary>
    None,

    /// <summary>An on-prem server speaking the OpenAI Chat Completions API (vLLM, llama.cpp server, TGI, LM Studio, Ollama).</summary>
    OpenAI,

    /// <summary>An ONNX decoder run inside this process (an Optimum / transformers.js export folder).</summary>
    Onnx,
}
