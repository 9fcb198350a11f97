using Rag.Onnx.Generation;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Onnx.Tests.Generation;

/// <summary>The shared test models (read-only mirror beside the repository).</summary>
internal static class GenerationTestModels
{
    public const string Fp16 = "tiny-random-llama-fp16-kvcache";
    public const string Fp32Gqa = "tiny-random-llama-fp32-gqa-kvcache";
    public const string SmolLmTokenizer = "SmolLM-360M-Instruct-tokenizer";

    private static readonly Lazy<HfTokenizer> s_llama = new(() => HfTokenizer.Load(Path.Combine(Folder(Fp16), "tokenizer.json")));
    private static readonly Lazy<HfTokenizer> s_smolLm = new(() => HfTokenizer.Load(Path.Combine(Folder(SmolLmTokenizer), "tokenizer.json")));

    public static HfTokenizer Llama => s_llama.Value;

    public static HfTokenizer SmolLm => s_smolLm.Value;

    public static string Folder(string name) => RepoPaths.SharedPath("models", name);

    public static OnnxChatClientOptions Options(string name, int maxNewTokens = 20) => new()
    {
        ModelPath = Folder(name),
        ExecutionProvider = ExecutionProvider.Cpu,
        MaxNewTokens = maxNewTokens,
        IntraOpThreads = 1,
    };
}
