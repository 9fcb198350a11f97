using Rag.Bench.Embed;
using Rag.Onnx.SentenceEmbeddings;
using Rag.Testing;

namespace Rag.Bench.Tests.Embed;

public sealed class BareEmbeddingSessionTests
{
    [Fact]
    public void Open_UseLiteKind_OpensTheUseLiteBaseline()
    {
        var options = new EmbeddingOptions
        {
            ModelsDirectory = TestModels.ModelsRoot,
            Model = Path.GetFileName(TestModels.Directory(TestModels.UseLite)),
            Kind = EmbeddingModelKind.UseLite,
            ExecutionProvider = ExecutionProvider.Cpu,
        };

        using var bare = BareEmbeddingSession.Open(options);

        Assert.IsType<UseLiteBareSession>(bare);
    }

    [Fact]
    public void Open_BertKind_OpensTheBertBaseline()
    {
        using var bare = BareEmbeddingSession.Open(BertBareSessionTests.MiniLmOptions(maxTokens: 0));

        Assert.IsType<BertBareSession>(bare);
    }

    [Fact]
    public void Open_UnknownKind_FailsNamingTheSetting()
    {
        var options = new EmbeddingOptions { ModelsDirectory = TestModels.ModelsRoot, Kind = (EmbeddingModelKind)99 };

        var error = Assert.Throws<InvalidOperationException>(() => BareEmbeddingSession.Open(options));

        Assert.Contains("Rag:Embedding:Kind", error.Message, StringComparison.Ordinal);
    }
}
