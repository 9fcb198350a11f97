using Microsoft.Extensions.Options;
using Rag.Testing;
using Rag.Web.Accounts;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Accounts;

public sealed class AccountsOptionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Ctor_Defaults_AreDocumented()
    {
        var options = new AccountsOptions();

        Assert.Equal(5, options.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), options.LockoutDuration);
        Assert.Equal(20, options.FailedSignInsPerAddress);
        Assert.Equal(TimeSpan.FromMinutes(15), options.FailedSignInWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RevalidationInterval);
        Assert.Equal(TimeSpan.FromHours(8), options.SessionLifetime);
        Assert.Equal("Rag:Web:Accounts", AccountsOptions.SectionName);
    }

    [Theory]
    [InlineData("FailedSignInsPerAddress", "0", "Rag:Web:Accounts:FailedSignInsPerAddress must be 1 to 10000.")]
    [InlineData("FailedSignInWindow", "00:00:00", "Rag:Web:Accounts:FailedSignInWindow must be 1 second to 1 day.")]
    [InlineData("FailedSignInWindow", "2.00:00:00", "Rag:Web:Accounts:FailedSignInWindow must be 1 second to 1 day.")]
    public async Task StartAsync_ThrottleOutOfRange_FailsNamingTheKey(string key, string value, string message)
    {
        await using var app = RunningApp.Build(_temp.Combine("data"), new Dictionary<string, string?> { ["Rag:Web:Accounts:" + key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
