using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Rag.Core.Egress;

/// <summary>
/// Validates <see cref="EgressOptions"/> at start-up: every entry must be well-formed, no allow-list entry may name or
/// cover a closed-AI host (<see cref="ClosedAiHosts"/>), and a proxy must itself be allowed. Each message names the
/// setting and the entry. Networks cannot be checked against the deny list by name (hosted services move between
/// address ranges), so a network matching every address (<c>/0</c>) is refused and the deny list is also enforced by
/// name on every connection.
/// </summary>
public sealed class EgressOptionsValidator : IValidateOptions<EgressOptions>
{
    private static readonly HostPattern[] Denied = ClosedAiHosts.Patterns.Select(p => new HostPattern(p)).ToArray();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static List<string> Problems(EgressOptions options, bool checkProxy = true)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            if (HostProblem(options.AllowedHosts[i]) is { } problem)
            {
                problems.Add($"Rag:Egress:AllowedHosts:{i} ('{options.AllowedHosts[i]}') {problem}");
            }
        }

        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            var entry = options.AllowedNetworks[i];
            var network = ParseNetwork(entry);
            if (network is null)
            {
                problems.Add($"Rag:Egress:AllowedNetworks:{i} ('{entry}') is not a network in CIDR form such as 10.20.0.0/16 or fd00:1::/64.");
            }
            else if (network.Value.PrefixLength == 0)
            {
                problems.Add($"Rag:Egress:AllowedNetworks:{i} ('{entry}') covers every address; list the networks of the model server, Qdrant and the identity provider instead.");
            }
        }

        if (checkProxy && options.Proxy is { } proxy)
        {
            if (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Rag:Egress:Proxy ('{proxy}') must be an absolute http:// or https:// address.");
            }
            else if (problems.Count == 0 && !ProxyAllowed(options, proxy))
            {
                problems.Add($"Rag:Egress:Proxy ('{proxy}') names host '{proxy.IdnHost}', which is not allowed: add it to Rag:Egress:AllowedHosts (or its address to Rag:Egress:AllowedNetworks).");
            }
        }

        return problems;
    }

    /// <summary>Parses a CIDR network, or a single address (a /32 or /128 network); null when malformed.</summary>
    internal static IPNetwork? ParseNetwork(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var text = entry.Trim();
        if (!text.Contains('/', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out var single) && (text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3)
                ? new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = text[..slash];
        var prefix = text[(slash + 1)..];
        if (!int.TryParse(prefix, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !(address.Contains(':', StringComparison.Ordinal) || address.Count(c => c == '.') == 3))
        {
            return null;
        }

        return IPNetwork.TryParse(text, out var network) ? network : null;
    }

    private static string? HostProblem(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return "is empty.";
        }

        if (entry.Contains("://", StringComparison.Ordinal) || entry.Contains('/', StringComparison.Ordinal)
            || entry.Contains('?', StringComparison.Ordinal) || entry.Contains('@', StringComparison.Ordinal))
        {
            return "must be a bare host name: no scheme, path or user (e.g. model.corp.example).";
        }

        var name = EgressHostNames.Normalize(entry);
        if (EgressHostNames.TryParseAddress(name, out _))
        {
            return "is an address: put addresses in Rag:Egress:AllowedNetworks (e.g. 10.20.0.5/32).";
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            return "must not carry a port: the guard allows a host on every port.";
        }

        if (name == "*" || name == "*.")
        {
            return "allows every host; name the hosts (or a wildcard under your own domain such as *.corp.example).";
        }

        var isWildcard = name.StartsWith("*.", StringComparison.Ordinal);
        var domain = isWildcard ? name[2..] : name;
        if (domain.Length == 0 || domain.Contains('*', StringComparison.Ordinal) || domain.Split('.').Any(l => l.Length == 0 || !l.All(IsHostChar)))
        {
            return "is not a host name; use a name such as model.corp.example, or *.corp.example for every name under a domain.";
        }

        if (Denied.FirstOrDefault(p => p.Matches(domain)) is { } exact)
        {
            return $"is a closed AI service (deny list entry '{exact.Text}'); the deny list cannot be overridden.";
        }

        if (isWildcard && Denied.FirstOrDefault(p => p.OverlapsSubdomainsOf(domain)) is { } covered)
        {
            return $"would cover the closed AI service '{covered.Text}'; the deny list cannot be overridden. Use a narrower name.";
        }

        return null;
    }

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_';

    private static bool ProxyAllowed(EgressOptions options, Uri proxy)
    {
        var policy = new EgressPolicy(options);
        var host = proxy.IdnHost;
        if (EgressHostNames.TryParseAddress(host, out var address))
        {
            return policy.CheckAddress(host, address).IsAllowed;
        }

        var name = EgressHostNames.Normalize(host);
        return !policy.IsClosedAiHost(name) && (EgressHostNames.IsLoopbackName(name) || policy.IsAllowListed(name));
    }
}
