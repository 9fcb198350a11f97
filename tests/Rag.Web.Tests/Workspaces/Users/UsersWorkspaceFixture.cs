using Rag.Testing;
using Rag.Web.Tests.Fixtures;

namespace Rag.Web.Tests.Workspaces.Users;

/// <summary>The real app with local accounts and a one-second revalidation interval, shared by a test class.</summary>
public sealed class UsersWorkspaceFixture : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _temp = new();
    private RunningApp? _app;

    internal RunningApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(_temp.Combine("data"), new Dictionary<string, string?>
        {
            ["Rag:Web:Accounts:InitialAdminPassword"] = "First-Admin-Password-1",
            ["Rag:Web:Accounts:RevalidationInterval"] = "00:00:01",
        });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}
