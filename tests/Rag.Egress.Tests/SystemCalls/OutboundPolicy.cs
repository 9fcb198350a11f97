using System.Net;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// What a traced process may reach, judged on the system calls themselves: local sockets (Unix, netlink — the kernel,
/// not the network), loopback, and the configured allow-list (<c>Rag:Egress:AllowedNetworks</c>). Anything else —
/// a UDP packet to the nameserver included, since that is a name being resolved — is a leak. An address family or
/// address the parser could not read counts as a leak too.
/// </summary>
internal sealed class OutboundPolicy(IReadOnlyList<IPNetwork> allowedNetworks)
{
    private static readonly HashSet<string> LocalFamilies = new(StringComparer.Ordinal) { "AF_UNIX", "AF_LOCAL", "AF_NETLINK" };

    public bool IsAllowed(SocketCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Family is null || LocalFamilies.Contains(call.Family))
        {
            return true; // a send on a socket whose connect was judged, or a local socket
        }

        // connect(AF_UNSPEC) dissolves a datagram socket's association: it reaches nothing.
        if (call.Family == "AF_UNSPEC" && call.SystemCall == "connect")
        {
            return true;
        }

        if (call.Address is not { } address)
        {
            return false;
        }

        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(ip) || allowedNetworks.Any(n => n.Contains(ip));
    }

    public IReadOnlyList<SocketCall> Leaks(IEnumerable<SocketCall> calls) => calls.Where(c => !IsAllowed(c)).ToList();
}
