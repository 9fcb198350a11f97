using System.Net;

namespace Rag.Egress.Tests.SystemCalls;

/// <summary>
/// One socket address in a traced <c>connect</c>, <c>sendto</c>, <c>sendmsg</c> or <c>sendmmsg</c> call, or (with
/// <see cref="Family"/> null) a send on an already connected socket, which names no address.
/// </summary>
internal sealed record SocketCall(string Trace, int Pid, string SystemCall, string? Family, IPAddress? Address, int? Port, string Line)
{
    public override string ToString()
    {
        var target = Address is null ? Family ?? "no address" : $"{Family} {Address} port {Port}";
        var dns = Port == 53 ? " (a DNS query: the process resolved a name)" : string.Empty;
        return $"{Trace}: pid {Pid} {SystemCall} to {target}{dns}\n    {Line}";
    }
}
