using Rag.Testing;

namespace Rag.Web.Tests.Fixtures;

/// <summary>The test OpenID Connect provider and the real app signing in through it, shared by a test class.</summary>
public sealed class OidcSignInFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private OidcProviderProcess? _provider;
    private RunningApp? _app;

    internal OidcProviderProcess Provider => _provider ?? throw new InvalidOperationException("Not started.");

    internal RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _provider = await OidcProviderProcess.StartAsync();
        _app = await RunningApp.StartAsync(_temp.Combine("data"), _provider.AppSettings());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}
