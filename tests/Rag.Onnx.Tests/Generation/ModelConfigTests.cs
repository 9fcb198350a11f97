using Microsoft.Extensions.AI;
using Rag.Onnx.Generation;
using Rag.Testing;

namespace Rag.Onnx.Tests.Generation;

public sealed class ModelConfigTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Hello there, how are you?")];

    [Fact]
    public async Task GetResponseAsync_GenerationConfigEosList_StopsOnAnyListedId()
    {
        using var dir = CopyModel(GenerationTestModels.Fp32Gqa);
        List<int> greedy;
        using (var plain = new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path, MaxNewTokens = 8 }))
        {
            greedy = Generate(plain);
        }

        var eos = greedy[3];
        File.WriteAllText(dir.Combine("generation_config.json"), $$"""{ "eos_token_id": [31999, {{eos}}] }""");
        using var client = new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path, MaxNewTokens = 8 });

        var response = await client.GetResponseAsync(Question);

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(greedy.IndexOf(eos) + 1, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ConfigJsonContextLength_LimitsPromptAndOutput()
    {
        using var dir = CopyModel(GenerationTestModels.Fp32Gqa);
        File.WriteAllText(dir.Combine("config.json"), """
            { "num_hidden_layers": 2, "num_attention_heads": 1, "num_key_value_heads": 1, "hidden_size": 16,
              "max_position_embeddings": 24, "eos_token_id": 2 }
            """);
        using var client = new OnnxChatClient(new OnnxChatClientOptions { ModelPath = dir.Path, MaxNewTokens = 100 });
        var promptTokens = client.Tokenizer.Encode(ChatPromptRenderer.Render(client.Template, Question)).Count;

        var response = await client.GetResponseAsync(Question);
        var tooLong = await Assert.ThrowsAsync<InvalidOperationException>(
            () => client.GetResponseAsync([new(ChatRole.User, string.Concat(Enumerable.Repeat("word ", 30)))]));

        Assert.Equal(24 - promptTokens, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Contains("at most 24", tooLong.Message, StringComparison.Ordinal);
    }

    private static List<int> Generate(OnnxChatClient client)
    {
        var prompt = client.Tokenizer.Encode(ChatPromptRenderer.Render(client.Template, Question));
        var loop = new GenerationLoop(client.Session, client.Tokenizer, new HashSet<int>(), options: null);
        _ = loop.Run(prompt, 8, CancellationToken.None).ToList();
        return loop.Ids;
    }

    private static TempDirectory CopyModel(string name)
    {
        var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(GenerationTestModels.Folder(name)))
        {
            File.Copy(file, dir.Combine(Path.GetFileName(file)));
        }

        return dir;
    }
}
