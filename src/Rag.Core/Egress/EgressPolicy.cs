using System.Net;
using System.Net.Sockets;

namespace Rag.Core.Egress;

/// <summary>
/// Decides where the application may connect. <see cref="CheckHost"/> runs before name resolution (closed-AI deny
/// list, address literals, loopback names, <see cref="EgressOptions.AllowedHosts"/>); <see cref="CheckAddress"/> runs on
/// every resolved address before a connection is opened, so a redirect or a name that resolves somewhere unexpected
/// (DNS rebinding) is judged by where it really leads. Thread-safe and immutable.
/// </summary>
public sealed class EgressPolicy
{
    // Cloud instance-metadata endpoints outside link-local: refused even inside an allowed network.
    private static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254")];

    private readonly HostPattern[] _denied;
    private readonly HashSet<string> _exactHosts;
    private readonly string[] _domainSuffixes;
    private readonly IPNetwork[] _networks;

    /// <summary>Builds the policy from validated options (see <see cref="EgressOptionsValidator"/>).</summary>
    /// <exception cref="ArgumentException">An entry is malformed (the validator reports the same problems at start-up).</exception>
    public EgressPolicy(EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = EgressOptionsValidator.Problems(options, checkProxy: false);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _denied = ClosedAiHosts.Patterns.Select(p => new HostPattern(p)).ToArray();
        var hosts = options.AllowedHosts.Select(EgressHostNames.Normalize).ToList();
        _exactHosts = hosts.Where(h => !h.StartsWith("*.", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        _domainSuffixes = hosts.Where(h => h.StartsWith("*.", StringComparison.Ordinal)).Select(h => h[1..]).ToArray();
        _networks = options.AllowedNetworks.Select(n => EgressOptionsValidator.ParseNetwork(n)!.Value).ToArray();
    }

    /// <summary>True when <paramref name="host"/> is on the built-in closed-AI deny list.</summary>
    public bool IsClosedAiHost(string host)
    {
        var name = EgressHostNames.Normalize(host);
        return _denied.Any(p => p.Matches(name));
    }

    /// <summary>
    /// Judges a host name before it is resolved. An allowing answer for a name that is not allow-listed only means
    /// its addresses may still fall in <see cref="EgressOptions.AllowedNetworks"/>; <see cref="CheckAddress"/> decides.
    /// </summary>
    public EgressDecision CheckHost(string host)
    {
        var name = EgressHostNames.Normalize(host);
        if (name.Length == 0)
        {
            return EgressDecision.Deny("no host name");
        }

        if (_denied.Any(p => p.Matches(name)))
        {
            return EgressDecision.Deny("closed AI service; the deny list cannot be overridden");
        }

        if (EgressHostNames.TryParseAddress(name, out var literal))
        {
            return CheckAddress(name, literal);
        }

        if (EgressHostNames.IsLoopbackName(name))
        {
            return EgressDecision.Allow("loopback name");
        }

        if (IsAllowListed(name))
        {
            return EgressDecision.Allow("host allow-listed in Rag:Egress:AllowedHosts");
        }

        return _networks.Length > 0
            ? EgressDecision.Allow("not allow-listed by name; its addresses must fall in Rag:Egress:AllowedNetworks")
            : EgressDecision.Deny("host not allow-listed (add it to Rag:Egress:AllowedHosts)");
    }

    /// <summary>Judges one resolved (or literal) address of <paramref name="host"/> before a connection is opened.</summary>
    public EgressDecision CheckAddress(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var name = EgressHostNames.Normalize(host);
        if (_denied.Any(p => p.Matches(name)))
        {
            return EgressDecision.Deny("closed AI service; the deny list cannot be overridden");
        }

        if (Refused(ip) is { } reason)
        {
            return EgressDecision.Deny(reason);
        }

        if (IPAddress.IsLoopback(ip))
        {
            return EgressDecision.Allow("loopback address");
        }

        if (_networks.Any(n => n.Contains(ip)))
        {
            return EgressDecision.Allow("address in Rag:Egress:AllowedNetworks");
        }

        if (!EgressHostNames.TryParseAddress(name, out _) && IsAllowListed(name))
        {
            return EgressDecision.Allow("host allow-listed in Rag:Egress:AllowedHosts");
        }

        return EgressDecision.Deny(EgressHostNames.TryParseAddress(name, out _)
            ? "address not in Rag:Egress:AllowedNetworks"
            : "host not allow-listed and address not in Rag:Egress:AllowedNetworks");
    }

    internal bool IsAllowListed(string normalizedHost) =>
        _exactHosts.Contains(normalizedHost) || _domainSuffixes.Any(s => normalizedHost.EndsWith(s, StringComparison.Ordinal));

    private static string? Refused(IPAddress ip)
    {
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return b switch
            {
                [169, 254, ..] => "link-local address (cloud metadata); never allowed",
                [0, ..] => "unspecified address; never allowed",
                [255, 255, 255, 255] => "broadcast address; never allowed",
                [>= 224 and <= 239, ..] => "multicast address; never allowed",
                [>= 240, ..] => "reserved address; never allowed",
                _ when MetadataAddresses.Contains(ip) => "cloud metadata address; never allowed",
                _ => null,
            };
        }

        if (ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.IPv6None))
        {
            return "unspecified address; never allowed";
        }

        if (ip.IsIPv6LinkLocal)
        {
            return "link-local address (cloud metadata); never allowed";
        }

        if (ip.IsIPv6Multicast)
        {
            return "multicast address; never allowed";
        }

        return MetadataAddresses.Contains(ip) ? "cloud metadata address; never allowed" : null;
    }
}
