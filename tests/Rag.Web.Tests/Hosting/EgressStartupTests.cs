using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rag.Core.Audit;
using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Hosting;

/// <summary>Egress settings the guard refuses stop the web app at start-up with a clean message, and on the record.</summary>
public sealed class EgressStartupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task StartAsync_GeneratorEndpointIsAClosedAiService_FailsAndAuditsEgressBlocked()
    {
        await using var app = RunningApp.Build(_temp.Combine("data"), new Dictionary<string, string?>
        {
            ["Rag:Generation:Provider"] = "OpenAI",
            ["Rag:Generation:Endpoint"] = "https://my-resource.openai.azure.com/openai/v1",
            ["Rag:Generation:Model"] = "gpt-4o",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith("Rag:Generation:Endpoint my-resource.openai.azure.com is refused by the egress guard: closed AI service", StringComparison.Ordinal));
        var page = await app.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.EgressBlocked });
        var blocked = Assert.Single(page.Records).Event;
        Assert.Equal("system:generation", blocked.Actor.Id);
        Assert.Equal(AuditOutcomes.Denied, blocked.Outcome);
        Assert.Equal(["my-resource.openai.azure.com"], blocked.Targets);
        Assert.Contains("closed AI service", blocked.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Rag__Generation__Provider", "OpenAI", null)] // the allow list is judged twice: its own validation and the endpoint's
    [InlineData("Rag__Api__MaxRequestBodyBytes", "0", "Rag:Api:MaxRequestBodyBytes must be between")] // two sections wrong at once
    public async Task Main_ClosedAiHostInTheAllowList_ExitsOneWithTheConfigurationError(string otherKey, string otherValue, string? alsoReported)
    {
        // The real app as `./rag web` runs it.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _temp.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rag.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["RAG_DATA"] = _temp.Combine("data");
        start.Environment["RAG_MODELS"] = TestModels.ModelsRoot;
        start.Environment["Rag__Egress__AllowedHosts__0"] = "api.openai.com";
        start.Environment["Rag__Generation__Endpoint"] = "http://localhost:9/v1";
        start.Environment["Rag__Generation__Model"] = "m";
        start.Environment[otherKey] = otherValue;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}:\n{await error}\n{await output}");
        var message = (await error).Trim();
        Assert.StartsWith(
            "error: invalid configuration: Rag:Egress:AllowedHosts:0 ('api.openai.com') is a closed AI service (deny list entry 'openai.com'); the deny list cannot be overridden.",
            message,
            StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        if (alsoReported is not null)
        {
            Assert.Contains(alsoReported, message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _temp.Dispose();
}
