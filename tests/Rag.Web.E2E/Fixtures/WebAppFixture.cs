using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rag.Testing;
using Rag.Web.Accounts;
using Rag.Web.Authentication;

namespace Rag.Web.E2E.Fixtures;

/// <summary>
/// The real app (<see cref="RagWebApplication.Create"/>) on Kestrel at a free loopback port over a fresh data directory,
/// models from RAG_MODELS, with the first admin's password configured and one local account per role. One per test
/// class (<c>IClassFixture</c>); <see cref="StartWorkerAsync"/> starts the ingestion worker over the same data directory.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Failed sign-ins that lock an account in this app (the default is 5; fewer keeps the lockout test short).</summary>
    public const int MaxFailedAccessAttempts = 3;

    private const string Password = "Correct-Horse-42!";

    private readonly TempDirectory _temp = new();
    private readonly List<WorkerProcess> _workers = [];
    private WebApplication? _app;

    /// <summary>The first admin (every role), created by the app itself from the configured password.</summary>
    public TestUser FirstAdmin { get; } = new(AccountsStartup.FirstAdminName, "First-Admin-Pass-1!", RagRoles.All, []);

    public TestUser Employee { get; } = new("employee", Password, [RagRoles.Employee], ["team-a"]);

    public TestUser Administrator { get; } = new("administrator", Password, [RagRoles.Admin], ["team-a"]);

    public TestUser Compliance { get; } = new("compliance", Password, [RagRoles.ComplianceOfficer], ["team-b"]);

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory => _temp.Combine("data");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _app = RagWebApplication.Create(["--urls", "http://127.0.0.1:0"], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:Storage:DataDirectory"] = DataDirectory,
            ["Rag:Embedding:ModelsDirectory"] = TestModels.ModelsRoot,
            ["Rag:Web:Accounts:InitialAdminPassword"] = FirstAdmin.Password,
            ["Rag:Web:Accounts:MaxFailedAccessAttempts"] = MaxFailedAccessAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        foreach (var user in new[] { Employee, Administrator, Compliance })
        {
            await CreateUserAsync(user);
        }
    }

    /// <summary>Creates a local account (as the first admin would on the Users page).</summary>
    public async Task CreateUserAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<LocalAccounts>();
        var result = await accounts.CreateUserAsync(AdminCaller(), user.UserName, user.Password, [.. user.Roles], [.. user.Groups]);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    /// <summary>Starts the ingestion worker host (a real process) over this app's data directory and waits until it runs.</summary>
    public async Task<WorkerProcess> StartWorkerAsync()
    {
        var worker = WorkerProcess.Start(DataDirectory, TestModels.ModelsRoot);
        _workers.Add(worker);
        await worker.WaitForAsync("on execution provider", TimeSpan.FromMinutes(2));
        return worker;
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();

    private ClaimsPrincipal AdminCaller() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, RagUser.IdPrefix + FirstAdmin.UserName), new Claim(ClaimTypes.Name, FirstAdmin.UserName), new Claim(ClaimTypes.Role, RagRoles.Admin)],
        "test",
        ClaimTypes.Name,
        ClaimTypes.Role));
}
