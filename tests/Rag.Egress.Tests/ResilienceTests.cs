using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Rag.Egress.Tests;

/// <summary>
/// The standard HTTP retry treats every <see cref="HttpRequestException"/> as transient, so a refused connection would
/// be retried (and audited) once per attempt. Clients with a retry pipeline leave <see cref="EgressBlockedException"/> out.
/// </summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Send_RetryPipelineThatLeavesBlocksOut_RefusesOnceWithOneAuditRecord()
    {
        await using var harness = new EgressHarness(configure: services => services.AddHttpClient("retrying")
            .AddResilienceHandler("r", p => p.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not EgressBlockedException && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            })));
        using var client = harness.Client("retrying");

        await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(new Uri("https://api.openai.com/")));

        Assert.Single(await harness.BlockedRecordsAsync());
    }
}
