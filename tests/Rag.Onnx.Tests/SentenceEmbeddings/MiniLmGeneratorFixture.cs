using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Onnx.Tests.SentenceEmbeddings;

public sealed class MiniLmGeneratorFixture : IDisposable
{
    public MiniLmGeneratorFixture() => Generator = new BertEmbeddingGenerator(new EmbeddingOptions
    {
        ModelsDirectory = TestModels.ModelsRoot,
        Model = TestModels.Directory(TestModels.MiniLm) is { } directory ? Path.GetFileName(directory) : TestModels.MiniLm,
        Kind = EmbeddingModelKind.Bert,
        ExecutionProvider = ExecutionProvider.Cpu,
    });

    public BertEmbeddingGenerator Generator { get; }

    public void Dispose() => Generator.Dispose();
}
