using Microsoft.Extensions.Configuration;
using Rag.Onnx.Generation;
using Rag.Onnx.SentenceEmbeddings;

namespace Rag.Onnx.Tests.Generation;

public sealed class OnnxChatClientOptionsTests
{
    [Fact]
    public void Ctor_Defaults_ArePinned()
    {
        var options = new OnnxChatClientOptions();

        Assert.Equal("Rag:Generation:Onnx", OnnxChatClientOptions.SectionName);
        Assert.Null(options.ModelPath);
        Assert.Null(options.ModelFile);
        Assert.Equal(ChatTemplateKind.Auto, options.ChatTemplate);
        Assert.Equal(512, options.MaxNewTokens);
        Assert.Equal(ExecutionProvider.Cpu, options.ExecutionProvider);
        Assert.Equal(0, options.IntraOpThreads);
    }

    [Fact]
    public void Bind_ConfigurationSection_SetsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Generation:Onnx:ModelPath"] = "/models/qwen2.5-0.5b-instruct",
            ["Rag:Generation:Onnx:ModelFile"] = "onnx/model_q4.onnx",
            ["Rag:Generation:Onnx:ChatTemplate"] = "Llama3",
            ["Rag:Generation:Onnx:MaxNewTokens"] = "64",
            ["Rag:Generation:Onnx:ExecutionProvider"] = "Cuda",
            ["Rag:Generation:Onnx:IntraOpThreads"] = "2",
        }).Build();

        var options = configuration.GetSection(OnnxChatClientOptions.SectionName).Get<OnnxChatClientOptions>();

        Assert.NotNull(options);
        Assert.Equal("/models/qwen2.5-0.5b-instruct", options.ModelPath);
        Assert.Equal("onnx/model_q4.onnx", options.ModelFile);
        Assert.Equal(ChatTemplateKind.Llama3, options.ChatTemplate);
        Assert.Equal(64, options.MaxNewTokens);
        Assert.Equal(ExecutionProvider.Cuda, options.ExecutionProvider);
        Assert.Equal(2, options.IntraOpThreads);
    }
}
