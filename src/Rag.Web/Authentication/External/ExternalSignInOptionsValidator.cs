using Microsoft.Extensions.Options;
using Rag.Core.Access;
using Rag.Egress;

namespace Rag.Web.Authentication.External;

/// <summary>
/// Checks an enabled external sign-in at start-up: the client, the role and group maps, https for the provider (plain
/// http only on loopback), and that the egress guard lets the provider (and Microsoft Graph, when memberships are read
/// on overage) through — a host it would refuse fails start-up naming the key, recorded as <c>egress.blocked</c>.
/// </summary>
internal sealed class ExternalSignInOptionsValidator(IServiceProvider services) : IValidateOptions<OidcSignInOptions>, IValidateOptions<EntraIdSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = Common(options);
        CheckEndpoint(failures, options.Section + ":Authority", options.Authority, ExternalSignInDefaults.OidcBackchannel, "the provider's issuer address, e.g. https://keycloak.corp.example/realms/rag");
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, EntraIdSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = Common(options);
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add($"{options.Section}:TenantId is required: the directory (tenant) id.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret) == string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            failures.Add($"{options.Section} needs exactly one of ClientSecret and ClientCertificatePath.");
        }
        else if (options.ClientCertificatePath is { Length: > 0 } certificate && !File.Exists(certificate))
        {
            failures.Add($"{options.Section}:ClientCertificatePath '{certificate}' does not exist.");
        }

        CheckEndpoint(failures, options.Section + ":Instance", options.Instance, ExternalSignInDefaults.EntraIdBackchannel, "the cloud's sign-in host, e.g. https://login.microsoftonline.com/");
        if (options.ReadMembershipsOnOverage)
        {
            CheckEndpoint(failures, options.Section + ":GraphBaseAddress", options.GraphBaseAddress, ExternalSignInDefaults.GraphClient, "Microsoft Graph's address, e.g. https://graph.microsoft.com/");
        }

        return Result(failures);
    }

    private static List<string> Common(ExternalSignInOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{options.Section}:ClientId is required: the app's client id at the provider.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            failures.Add($"{options.Section}:RoleClaim and GroupsClaim must name claims.");
        }

        if (options.RoleMap.Count == 0)
        {
            failures.Add($"{options.Section}:RoleMap is empty, so every sign-in would be refused: map the provider's role values to {string.Join(", ", RagRoles.All)}.");
        }

        foreach (var (value, role) in options.RoleMap)
        {
            if (RoleNames.Canonical(role) is null)
            {
                failures.Add($"{options.Section}:RoleMap:{value} is '{role}'; it must be one of {string.Join(", ", RagRoles.All)}.");
            }
        }

        foreach (var (id, group) in options.GroupMap)
        {
            if (!NameKey.TryKey(group, out _))
            {
                failures.Add($"{options.Section}:GroupMap:{id} is not a valid group name ('{group}').");
            }
        }

        return failures;
    }

    private void CheckEndpoint(List<string> failures, string key, Uri? endpoint, string component, string example)
    {
        if (endpoint is not { IsAbsoluteUri: true } || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be {example}.");
        }
        else if (!string.IsNullOrEmpty(endpoint.UserInfo) || !string.IsNullOrEmpty(endpoint.Query))
        {
            failures.Add($"{key} must not carry credentials or a query string.");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            failures.Add($"{key} must use https: plain http is allowed only on loopback (metadata, keys and tokens would travel unprotected).");
        }
        else if (EgressStartupCheck.Refusal(services, endpoint, component) is { } refused)
        {
            failures.Add($"{key} {endpoint.Host} is refused by the egress guard: {refused}. Add the host to Rag:Egress:AllowedHosts (see docs/web-signin.md).");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
