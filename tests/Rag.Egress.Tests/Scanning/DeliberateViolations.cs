using System.Net;
using System.Net.Sockets;

namespace Rag.Egress.Tests.Scanning;

/// <summary>
/// Never run: compiled only so <see cref="ProductAssembliesTests"/> can prove the scanner finds each kind of
/// unguarded construction in real IL.
/// </summary>
internal static class DeliberateViolations
{
    public static HttpClient NewHttpClient() => new();

    public static Socket NewSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public static TcpClient NewTcpClient() => new();

    public static UdpClient NewUdpClient() => new();

    public static HttpClientHandler NewHttpClientHandler() => new();

#pragma warning disable SYSLIB0014 // The obsolete WebRequest/WebClient APIs are exactly what the scanner must catch.
    public static WebRequest NewWebRequest() => WebRequest.Create(new Uri("http://example.com/"));

    public static WebClient NewWebClient() => new();
#pragma warning restore SYSLIB0014

    /// <summary>A subclass calls the base constructor with <c>call</c>, not <c>newobj</c>.</summary>
    internal sealed class DerivedClient : HttpClient;
}
