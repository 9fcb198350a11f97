using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Testing;
using Rag.Web.Authentication;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Hosting;

/// <summary>Start-up: bad settings stop the app naming the key; no keys configured means every request is refused.</summary>
public sealed class RagWebApplicationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string, string, string> BadKeys => new()
    {
        { "KeySha256", "not-a-hash", "Rag:Api:Keys:0:KeySha256" },
        { "KeySha256", "rag_k1_thekeyitself", "Rag:Api:Keys:0:KeySha256" },
        { "Id", "bad id!", "Rag:Api:Keys:0:Id" },
        { "Id", "", "Rag:Api:Keys:0:Id" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task StartAsync_InvalidKeySetting_FailsNamingTheKey(string setting, string value, string expectedKey)
    {
        var settings = ApiFixture.Keys(("k1", ApiKeys.Create("k1"), "g"));
        settings["Rag:Api:Keys:0:" + setting] = value;
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith(expectedKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_DuplicateIds_Fails()
    {
        var settings = ApiFixture.Keys(("same", ApiKeys.Create("same"), "g"), ("same", ApiKeys.Create("same"), "g"));
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains("Rag:Api:Keys:1:Id 'same' is used by another key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_KeyWithoutGroups_Fails()
    {
        var settings = ApiFixture.Keys(("k1", ApiKeys.Create("k1"), "g"));
        settings.Remove("Rag:Api:Keys:0:Groups:0");
        await using var app = RunningApp.Build(_temp.Combine("data"), settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith("Rag:Api:Keys:0:Groups", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_BodyLimitOutOfRange_FailsNamingTheKey()
    {
        await using var app = RunningApp.Build(_temp.Combine("data"), new Dictionary<string, string?> { ["Rag:Api:MaxRequestBodyBytes"] = "0" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains("Rag:Api:MaxRequestBodyBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCompletions_NoKeysConfigured_RefusesEvenAKeyWithTheRightFormat()
    {
        await using var app = await RunningApp.StartAsync(_temp.Combine("data"), new Dictionary<string, string?>());
        using var request = RunningApp.Request(HttpMethod.Get, "v1/models", ApiKeys.Create("anyone"));

        using var response = await app.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ApiKeyAuthenticationHandler.NoKeysMessage, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    public void Dispose() => _temp.Dispose();
}
