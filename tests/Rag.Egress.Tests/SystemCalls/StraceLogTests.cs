using System.Net;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>The trace reader and the policy on lines strace 6 really prints (the first two from ONNX Runtime's telemetry).</summary>
public sealed class StraceLogTests
{
    private static readonly OutboundPolicy Policy = new([IPNetwork.Parse("198.51.100.0/24")]);

    [Theory]
    [InlineData("16653 connect(282, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = 0", "10.255.255.53", 53)]
    [InlineData("16652 sendto(283, \"&\\210\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\6mobile\\6events\\4data\\t\"..., 50, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"8.8.8.8\")}, 16) = 50", "8.8.8.8", 53)]
    [InlineData("17563 sendto(3, \"x\", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), sin6_scope_id=0}, 28) = 1", "2001:db8::1", 53)]
    [InlineData("17563 sendmsg(4, {msg_name={sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"192.0.2.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"y\", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 1", "192.0.2.1", 443)]
    [InlineData("201 connect(7, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:20.42.65.92\", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>", "::ffff:20.42.65.92", 443)]
    public void Parse_RemoteAddress_IsALeakNamingAddressAndPort(string line, string address, int port)
    {
        var call = Assert.Single(StraceLog.Parse("t", line));

        Assert.Equal(IPAddress.Parse(address), call.Address);
        Assert.Equal(port, call.Port);
        Assert.False(Policy.IsAllowed(call));
        Assert.Contains($"{call.Address} port {port}", call.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("17563 connect(4, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0")]
    [InlineData("9 connect(4, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0")]
    [InlineData("9 connect(4, {sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=0}, 28) = 0")]
    [InlineData("9 connect(4, {sa_family=AF_INET, sin_port=htons(8000), sin_addr=inet_addr(\"198.51.100.7\")}, 16) = -1 EINPROGRESS (Operation now in progress)")]
    [InlineData("16653 connect(282, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = -1 ENOENT (No such file or directory)")]
    [InlineData("9 sendto(5, {{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifa_family=AF_UNSPEC}}, 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20")]
    [InlineData("9 connect(6, {sa_family=AF_UNSPEC, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}, 16) = 0")]
    [InlineData("16377 sendto(281, \"HTTP/1.1 200 OK\\r\\nContent-Type: t\"..., 352, 0, NULL, 0) = 352")]
    public void Parse_LoopbackLocalOrAllowListed_IsAllowed(string line)
    {
        var calls = StraceLog.Parse("t", line);

        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.True(Policy.IsAllowed(c), c.ToString()));
    }

    [Theory]
    [InlineData("9 connect(4, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"a.b\")}, 16) = 0")]
    [InlineData("9 sendto(4, \"x\", 1, 0, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=2}, 20) = 1")]
    public void Parse_AddressItCannotRead_CountsAsALeak(string line)
    {
        var call = Assert.Single(StraceLog.Parse("t", line));

        Assert.False(Policy.IsAllowed(call));
    }

    [Fact]
    public void Parse_SignalsAndOtherLines_AreIgnored()
    {
        var calls = StraceLog.Parse("t", "16360 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=16820, si_uid=0} ---\n16360 +++ exited with 0 +++\n");

        Assert.Empty(calls);
    }
}
