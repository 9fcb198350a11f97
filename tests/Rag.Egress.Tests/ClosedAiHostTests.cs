using Rag.Core.Audit;
using Rag.Core.Egress;

namespace Rag.Egress.Tests;

public sealed class ClosedAiHostTests
{
    public static TheoryData<string> ClosedAiUrls => new()
    {
        "https://api.openai.com/v1/chat/completions",
        "https://chatgpt.com/backend-api",
        "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions",
        "https://contoso.cognitiveservices.azure.com/",
        "https://contoso.services.ai.azure.com/models",
        "https://models.inference.ai.azure.com/chat/completions",
        "https://models.github.ai/inference",
        "https://api.anthropic.com/v1/messages",
        "https://claude.ai/api",
        "https://generativelanguage.googleapis.com/v1beta/models",
        "https://aiplatform.googleapis.com/v1/projects",
        "https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/europe-west4",
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude/invoke",
        "https://bedrock.eu-central-1.amazonaws.com/foundation-models",
        "https://api.cohere.ai/v1/chat",
        "https://api.cohere.com/v2/chat",
        "https://api.mistral.ai/v1/chat/completions",
        "https://api.groq.com/openai/v1/chat/completions",
        "https://api.together.xyz/v1/chat/completions",
        "https://api.together.ai/v1/completions",
        "https://api.perplexity.ai/chat/completions",
        "https://api.x.ai/v1/chat/completions",
        "https://api.deepseek.com/chat/completions",
        "https://openrouter.ai/api/v1/chat/completions",
        "https://api.fireworks.ai/inference/v1/chat/completions",
        "https://api.replicate.com/v1/predictions",
        "https://api-inference.huggingface.co/models/gpt2",
        "https://router.huggingface.co/v1/chat/completions",
        "https://api.ai21.com/studio/v1/chat/completions",
        "https://api.voyageai.com/v1/embeddings",
        "https://api.jina.ai/v1/embeddings",
        "https://api.stability.ai/v2beta/stable-image",
        "https://api.elevenlabs.io/v1/text-to-speech",
        "https://api.deepinfra.com/v1/openai/chat/completions",
        "https://api.cerebras.ai/v1/chat/completions",
        "https://api.sambanova.ai/v1/chat/completions",
        "https://dashscope.aliyuncs.com/compatible-mode/v1",
        "https://open.bigmodel.cn/api/paas/v4/chat/completions",
        "https://api.moonshot.ai/v1/chat/completions",
        "https://api.assemblyai.com/v2/transcript",
        "http://API.OpenAI.com./v1/models",
        "http://api.openai.com:8080/v1/models",
    };

    [Theory]
    [MemberData(nameof(ClosedAiUrls))]
    public async Task Send_ClosedAiHost_RefusedBeforeDnsAndConnectWithAuditRecord(string url)
    {
        await using var harness = new EgressHarness();
        using var client = harness.Client("generation");
        var correlation = "corr-" + Guid.NewGuid().ToString("N");
        var host = new Uri(url).IdnHost;

        EgressBlockedException error;
        using (AuditCorrelation.Begin(correlation))
        {
            error = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri(url)));
        }

        Assert.Equal("generation", error.Component);
        Assert.Contains("closed AI service", error.Message, StringComparison.Ordinal);
        Assert.Contains("deny list cannot be overridden", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Resolver.Asked);
        Assert.Empty(harness.Connector.Attempts);
        var (record, detail) = await harness.SingleBlockedAsync();
        Assert.Equal(AuditOutcomes.Denied, record.Event.Outcome);
        Assert.Equal("system:generation", record.Event.Actor.Id);
        Assert.Equal(correlation, record.Event.CorrelationId);
        Assert.Equal([host], record.Event.Targets);
        Assert.Equal(host, detail.GetProperty("host").GetString());
        Assert.Equal(new Uri(url).Port, detail.GetProperty("port").GetInt32());
        Assert.Equal("generation", detail.GetProperty("component").GetString());
    }

    [Fact]
    public void DenyList_HoldsAtLeastThirtyDistinctServices() =>
        Assert.True(ClosedAiHosts.Patterns.Distinct(StringComparer.Ordinal).Count() >= 30, $"only {ClosedAiHosts.Patterns.Count} entries");

    [Fact]
    public async Task Send_ClosedAiHostEvenWhenItsAddressIsInAnAllowedNetwork_Refused()
    {
        await using var harness = new EgressHarness(EgressHarness.Settings(("AllowedNetworks:0", "10.0.0.0/8")));
        harness.Resolver.Answer("api.openai.com", "10.1.1.1");
        using var client = harness.Client("generation");

        await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.openai.com/v1/models")));

        Assert.Empty(harness.Resolver.Asked);
        Assert.Empty(harness.Connector.Attempts);
    }
}
