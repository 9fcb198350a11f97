using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class UseLiteGeneratorFixture : IDisposable
{
    public UseLiteGeneratorFixture() => Generator = new UseLiteEmbeddingGenerator(UseLiteReference.Options());

    public UseLiteEmbeddingGenerator Generator { get; }

    public void Dispose() => Generator.Dispose();
}
