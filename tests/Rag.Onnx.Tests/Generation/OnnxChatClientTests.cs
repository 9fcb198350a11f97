using System.Text;
using Microsoft.Extensions.AI;
using Rag.Onnx.Generation;

namespace Rag.Onnx.Tests.Generation;

public sealed class OnnxChatClientTests(OnnxChatClientFixture fixture) : IClassFixture<OnnxChatClientFixture>
{
    private static readonly ChatMessage[] Question =
    [
        new(ChatRole.System, "You answer briefly."),
        new(ChatRole.User, "What is the capital of France?"),
    ];

    [Theory]
    [InlineData(GenerationTestModels.Fp16)]
    [InlineData(GenerationTestModels.Fp32Gqa)]
    public async Task GetStreamingResponseAsync_Greedy_YieldsSameTextAsGetResponseAsync(string model)
    {
        var client = fixture[model];
        var options = new ChatOptions { MaxOutputTokens = 20 };

        var response = await client.GetResponseAsync(Question, options);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(Question, options))
        {
            streamed.Append(update.Text);
        }

        Assert.NotEmpty(response.Text);
        Assert.Equal(response.Text, streamed.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_MaxOutputTokens_StopsWithLengthAndReportsUsage()
    {
        var client = fixture[GenerationTestModels.Fp32Gqa];
        var promptTokens = client.Tokenizer.Encode(ChatPromptRenderer.Render(client.Template, Question)).Count;

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 5 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal(promptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(promptTokens + 5, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_NoMaxOutputTokens_UsesOptionsDefault()
    {
        var client = fixture[GenerationTestModels.Fp16];

        var response = await client.GetResponseAsync(Question);

        // The fixture's MaxNewTokens is 20 (the tiny model never emits </s> that early).
        Assert.Equal(20, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Theory]
    [InlineData(GenerationTestModels.Fp16)]
    [InlineData(GenerationTestModels.Fp32Gqa)]
    public async Task GetResponseAsync_StopSequence_EndsBeforeItAndDoesNotEmitIt(string model)
    {
        var client = fixture[model];
        var full = (await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 20 })).Text;
        Assert.True(full.Length >= 12, $"need some text to cut: '{full}'");
        var stop = full.Substring(full.Length / 2, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var options = new ChatOptions { MaxOutputTokens = 20, StopSequences = [stop] };
        var response = await client.GetResponseAsync(Question, options);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(Question, options))
        {
            streamed.Append(update.Text);
        }

        Assert.Equal(expected, response.Text);
        Assert.Equal(expected, streamed.ToString());
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_SameSeed_IsReproducible()
    {
        var client = fixture[GenerationTestModels.Fp32Gqa];
        var options = new ChatOptions { Temperature = 1.0f, TopP = 0.95f, Seed = 42, MaxOutputTokens = 12 };

        var first = await client.GetResponseAsync(Question, options);
        var second = await client.GetResponseAsync(Question, options);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task GetResponseAsync_DifferentSeeds_CanDiffer()
    {
        var client = fixture[GenerationTestModels.Fp32Gqa];
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var response = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 1.0f, Seed = seed, MaxOutputTokens = 12 });
            texts.Add(response.Text);
        }

        var greedy = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 12 });

        Assert.True(texts.Count > 1, "three seeds gave one text");
        Assert.DoesNotContain(greedy.Text, texts);
    }

    [Fact]
    public async Task GetResponseAsync_Response_CarriesModelIdAndRole()
    {
        var client = fixture[GenerationTestModels.Fp16];

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(GenerationTestModels.Fp16, response.ModelId);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
    }

    [Fact]
    public void GetService_ChatClientMetadata_NamesProviderAndModel()
    {
        var client = fixture[GenerationTestModels.Fp16];

        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));

        Assert.Equal("onnx", metadata.ProviderName);
        Assert.Equal(GenerationTestModels.Fp16, metadata.DefaultModelId);
        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.Null(client.GetService(typeof(ChatClientMetadata), serviceKey: "other"));
    }

    [Fact]
    public async Task GetResponseAsync_PromptLongerThanContext_ThrowsClearError()
    {
        var client = fixture[GenerationTestModels.Fp16];
        var longText = string.Concat(Enumerable.Repeat("word ", 2100));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new(ChatRole.User, longText)]));

        Assert.Contains("max_position_embeddings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ParallelCalls_AreSerializedAndMatchSequentialResult()
    {
        var client = fixture[GenerationTestModels.Fp32Gqa];
        var options = new ChatOptions { MaxOutputTokens = 10 };
        var expected = (await client.GetResponseAsync(Question, options)).Text;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.GetResponseAsync(Question, options))));

        Assert.All(results, r => Assert.Equal(expected, r.Text));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AbandonedEarly_ReleasesTheClientForTheNextCall()
    {
        var client = fixture[GenerationTestModels.Fp16];
        await foreach (var update in client.GetStreamingResponseAsync(Question, new ChatOptions { MaxOutputTokens = 20 }))
        {
            break;
        }

        var next = client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 3 });
        var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(next, finished);
        Assert.Equal(3, (await next).Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledToken_Throws()
    {
        var client = fixture[GenerationTestModels.Fp16];
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Question, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task GetResponseAsync_AfterDispose_Throws()
    {
        var client = new OnnxChatClient(GenerationTestModels.Options(GenerationTestModels.Fp32Gqa));
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync(Question));
    }
}
