using System.ComponentModel.DataAnnotations;

namespace Rag.Core.Egress;

/// <summary>
/// Where the application may connect (configuration section <c>Rag:Egress</c>). Everything else is refused:
/// loopback is always allowed, hosted AI services (the built-in closed-AI deny list) never are.
/// </summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rag:Egress";

    /// <summary>
    /// Host names that may be reached: exact names (<c>qdrant.corp.example</c>) or a wildcard for every name under a
    /// domain (<c>*.corp.example</c>, which does not include <c>corp.example</c> itself). No schemes, ports or addresses
    /// (addresses go in <see cref="AllowedNetworks"/>). An allow-listed name still may not reach link-local
    /// (cloud metadata), unspecified or multicast addresses.
    /// </summary>
    [MaxLength(1000, ErrorMessage = "Rag:Egress:AllowedHosts may hold at most 1000 entries.")]
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Networks (CIDR, IPv4 or IPv6, e.g. <c>10.20.0.0/16</c>, <c>fd00:1::/64</c>) whose addresses may be reached whatever the host name.</summary>
    [MaxLength(1000, ErrorMessage = "Rag:Egress:AllowedNetworks may hold at most 1000 entries.")]
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>
    /// An HTTP proxy every request goes through (e.g. <c>http://proxy.corp.example:3128</c>); its host must itself be
    /// allowed. When unset no proxy is used at all: <c>HTTP_PROXY</c> and the system proxy are ignored.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>How long one connection attempt may take (default 10 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Rag:Egress:ConnectTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
