namespace Rag.Core.Egress;

/// <summary>
/// The built-in deny list: hosted ("closed") AI services that no configuration can allow. Each entry is a domain
/// pattern (see <see cref="EgressPolicy"/>): the name itself and every name under it are refused, so
/// <c>openai.com</c> covers <c>api.openai.com</c>. A label may hold one <c>*</c>
/// (<c>bedrock-runtime.*.amazonaws.com</c>, <c>*-aiplatform.googleapis.com</c>).
/// </summary>
public static class ClosedAiHosts
{
    /// <summary>The deny-list patterns, normalised (lower case, ASCII).</summary>
    public static IReadOnlyList<string> Patterns { get; } =
    [
        // OpenAI and Azure OpenAI / Azure AI Foundry
        "openai.com",
        "chatgpt.com",
        "oaiusercontent.com",
        "openai.azure.com",
        "cognitiveservices.azure.com",
        "services.ai.azure.com",
        "inference.ai.azure.com",
        "models.ai.azure.com",
        "models.github.ai",
        // Anthropic
        "anthropic.com",
        "claude.ai",
        // Google Gemini / Vertex AI
        "generativelanguage.googleapis.com",
        "aiplatform.googleapis.com",
        "*-aiplatform.googleapis.com",
        "gemini.google.com",
        // AWS Bedrock
        "bedrock.*.amazonaws.com",
        "bedrock-runtime.*.amazonaws.com",
        "bedrock-runtime-fips.*.amazonaws.com",
        "bedrock-agent-runtime.*.amazonaws.com",
        // Other hosted model APIs
        "cohere.ai",
        "cohere.com",
        "mistral.ai",
        "groq.com",
        "together.xyz",
        "together.ai",
        "perplexity.ai",
        "x.ai",
        "grok.com",
        "deepseek.com",
        "openrouter.ai",
        "fireworks.ai",
        "replicate.com",
        "api-inference.huggingface.co",
        "router.huggingface.co",
        "inference.huggingface.co",
        "endpoints.huggingface.cloud",
        "ai21.com",
        "voyageai.com",
        "jina.ai",
        "stability.ai",
        "elevenlabs.io",
        "deepinfra.com",
        "cerebras.ai",
        "sambanova.ai",
        "novita.ai",
        "hyperbolic.xyz",
        "moonshot.ai",
        "moonshot.cn",
        "dashscope.aliyuncs.com",
        "dashscope-intl.aliyuncs.com",
        "bigmodel.cn",
        "reka.ai",
        "aleph-alpha.com",
        "assemblyai.com",
        "deepgram.com",
        "inflection.ai",
        "nlpcloud.io",
        "api.writer.com",
        "api.githubcopilot.com",
        "api.lambdalabs.com",
        "api.nvidia.com",
        "api.minimax.chat",
        "api.01.ai",
    ];
}
