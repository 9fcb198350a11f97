using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rag.Testing;

namespace Rag.Web.Tests.Fixtures;

/// <summary>
/// The real OpenID Connect provider of tests/oidc-provider (npm oidc-provider under node) on a free loopback port,
/// with the client <c>rag-web</c> whose only redirect address is <see cref="AppBaseAddress"/>'s <c>/signin-oidc</c>.
/// Installs its npm packages (npm ci) when they are missing.
/// </summary>
internal sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "rag-web";

    public const string ClientSecret = "rag-web-test-secret";

    private readonly Process _process;

    private OidcProviderProcess(Process process, Uri issuer, Uri appBaseAddress)
    {
        _process = process;
        Issuer = issuer;
        AppBaseAddress = appBaseAddress;
    }

    public Uri Issuer { get; }

    /// <summary>Where the app must listen: the provider redirects only there.</summary>
    public Uri AppBaseAddress { get; }

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "oidc-provider");

    public static async Task<OidcProviderProcess> StartAsync()
    {
        await EnsureInstalledAsync();
        var appBase = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add(new Uri(appBase, "signin-oidc").ToString());
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            throw new InvalidOperationException($"The OIDC provider exited with code {(process.HasExited ? process.ExitCode : -1)} before it listened.");
        }

        var issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
        return new OidcProviderProcess(process, new Uri(issuer), appBase);
    }

    /// <summary>Settings that turn on generic OIDC sign-in against this provider with the tests' role and group maps.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["urls"] = AppBaseAddress.ToString().TrimEnd('/'),
        ["Rag:Web:Authentication:Oidc:Enabled"] = "true",
        ["Rag:Web:Authentication:Oidc:Authority"] = Issuer.ToString(),
        ["Rag:Web:Authentication:Oidc:ClientId"] = ClientId,
        ["Rag:Web:Authentication:Oidc:ClientSecret"] = ClientSecret,
        ["Rag:Web:Authentication:Oidc:Scopes:0"] = "rag",
        ["Rag:Web:Authentication:Oidc:RoleMap:rag-admins"] = "Admin",
        ["Rag:Web:Authentication:Oidc:RoleMap:rag-users"] = "Employee",
        ["Rag:Web:Authentication:Oidc:RoleMap:rag-compliance"] = "ComplianceOfficer",
        ["Rag:Web:Authentication:Oidc:GroupMap:finance-readers"] = "finance",
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // the provider stops when its stdin closes
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(Folder, "node_modules", "oidc-provider")))
        {
            return;
        }

        var start = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--prefer-offline", "--no-audit", "--no-fund", "--prefix", Folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var error = npm.StandardError.ReadToEndAsync();
        await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci --prefix tests/oidc-provider failed ({npm.ExitCode}): {await error}");
        }
    }
}
