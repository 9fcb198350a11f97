using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

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

    /// <summary>A back-channel handler from anywhere but the guard's factory (here: the caller's).</summary>
    public static void UnguardedBackchannel(OpenIdConnectOptions options, HttpMessageHandler handler) => options.BackchannelHttpHandler = handler;

    /// <summary>A ready-made back-channel client: the scanner cannot see where it came from.</summary>
    public static void UnguardedBackchannelClient(OpenIdConnectOptions options, HttpClient client) => options.Backchannel = client;

    /// <summary>Metadata and keys fetched with the library's own HttpClient.</summary>
    public static ConfigurationManager<OpenIdConnectConfiguration> OwnConfigurationManager() =>
        new("https://idp.example/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever());

    /// <summary>Not a violation: the handler comes from the guard's factory in the same method.</summary>
    public static void GuardedBackchannel(OpenIdConnectOptions options, IEgressHandlerFactory egress) => options.BackchannelHttpHandler = egress.Create("signin-test");

    /// <summary>A subclass calls the base constructor with <c>call</c>, not <c>newobj</c>.</summary>
    internal sealed class DerivedClient : HttpClient;
}
