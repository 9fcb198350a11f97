using System.ComponentModel.DataAnnotations;

namespace Rag.Generation;

/// <summary>The answer model (configuration section <c>Rag:Generation</c>). Switching provider needs no code change, only configuration.</summary>
public sealed class GenerationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Generation";

    /// <summary>Which model writes answers; <see cref="GenerationProvider.None"/> (the default) answers extractively.</summary>
    public GenerationProvider Provider { get; set; } = GenerationProvider.None;

    /// <summary>
    /// For <see cref="GenerationProvider.OpenAI"/>: the server's OpenAI-compatible base address, ending in <c>/v1</c>
    /// (vLLM <c>http://vllm:8000/v1</c>, llama.cpp <c>http://llama:8080/v1</c>, Ollama <c>http://ollama:11434/v1</c>).
    /// Its host must be loopback or allowed by <c>Rag:Egress</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>For <see cref="GenerationProvider.OpenAI"/>: the model name the server knows (e.g. <c>Qwen/Qwen2.5-7B-Instruct</c>).</summary>
    [MaxLength(256, ErrorMessage = "Rag:Generation:Model is at most 256 characters.")]
    public string? Model { get; set; }

    /// <summary>
    /// What the audit trail records as the model's version (e.g. the weights' digest or release), since the server
    /// does not say. Optional.
    /// </summary>
    [MaxLength(256, ErrorMessage = "Rag:Generation:ModelVersion is at most 256 characters.")]
    public string? ModelVersion { get; set; }

    /// <summary>The server's API key, if it requires one. Prefer <see cref="ApiKeyFile"/> (a secret mounted as a file); never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the server's API key (first line), e.g. a Docker or Kubernetes secret.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>How long one attempt may wait for the server to start answering (default 2 minutes; a long answer may stream for longer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Rag:Generation:Timeout must be between 00:00:01 and 00:30:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a transient failure (connection refused, 5xx, 429), with exponential back-off (default 2; 0 turns retries off).</summary>
    [Range(0, 10, ErrorMessage = "Rag:Generation:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 2;
}
