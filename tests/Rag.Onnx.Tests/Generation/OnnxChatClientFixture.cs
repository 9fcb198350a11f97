using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

/// <summary>One client per tiny test model, shared by a test class (loading takes a fraction of a second each).</summary>
public sealed class OnnxChatClientFixture : IDisposable
{
    private readonly Dictionary<string, OnnxChatClient> _clients = new(StringComparer.Ordinal)
    {
        [GenerationTestModels.Fp16] = new OnnxChatClient(GenerationTestModels.Options(GenerationTestModels.Fp16)),
        [GenerationTestModels.Fp32Gqa] = new OnnxChatClient(GenerationTestModels.Options(GenerationTestModels.Fp32Gqa)),
    };

    public OnnxChatClient this[string model] => _clients[model];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
